CREATE TABLE "search_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"material_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "text_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "text_content" text;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "text_truncated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "text_failure" text;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "text_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "page_count" integer;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "slide_count" integer;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "sheet_count" integer;--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "text_indexed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "search_words_word_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "material_versions_text_status_idx" ON "material_versions" USING btree ("text_status");