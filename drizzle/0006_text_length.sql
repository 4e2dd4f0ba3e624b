ALTER TABLE "material_versions" ADD COLUMN "text_length" integer;--> statement-breakpoint
-- Versions read before this column existed: count their text once.
UPDATE "material_versions" SET "text_length" = length("text_content") WHERE "text_content" IS NOT NULL;
