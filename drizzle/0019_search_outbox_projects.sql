ALTER TABLE "search_outbox" ALTER COLUMN "material_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "search_outbox" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "search_outbox" ADD CONSTRAINT "search_outbox_one_subject" CHECK (("search_outbox"."material_id" IS NULL) <> ("search_outbox"."project_id" IS NULL));