ALTER TABLE "commitment_evidence" DROP CONSTRAINT "commitment_evidence_one_kind";--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commitment_evidence_project_key" ON "commitment_evidence" USING btree ("commitment_id","project_id");--> statement-breakpoint
CREATE INDEX "commitment_evidence_project_idx" ON "commitment_evidence" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_one_kind" CHECK (("commitment_evidence"."material_id" IS NOT NULL AND "commitment_evidence"."project_id" IS NULL AND "commitment_evidence"."url" IS NULL AND "commitment_evidence"."title" IS NULL)
       OR ("commitment_evidence"."project_id" IS NOT NULL AND "commitment_evidence"."material_id" IS NULL AND "commitment_evidence"."url" IS NULL AND "commitment_evidence"."title" IS NULL)
       OR ("commitment_evidence"."material_id" IS NULL AND "commitment_evidence"."project_id" IS NULL AND "commitment_evidence"."url" IS NOT NULL AND "commitment_evidence"."title" IS NOT NULL));