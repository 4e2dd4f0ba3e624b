ALTER TABLE "materials" ADD COLUMN "search_head" "tsvector";--> statement-breakpoint
CREATE INDEX "materials_search_head_idx" ON "materials" USING gin ("search_head");--> statement-breakpoint
CREATE INDEX "materials_search_sample_idx" ON "materials" USING btree ((get_byte(uuid_send("id"), 15)));