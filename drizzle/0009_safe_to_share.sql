CREATE TABLE "concern_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"material_id" uuid NOT NULL,
	"organisation_id" uuid,
	"reporter_user_id" uuid,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "check_status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "check_report" jsonb;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "check_message" text;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "format_problem" text;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "material_versions" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "require_check_acknowledgement" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "concern_reports" ADD CONSTRAINT "concern_reports_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_reports" ADD CONSTRAINT "concern_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_reports" ADD CONSTRAINT "concern_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_reports" ADD CONSTRAINT "concern_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concern_reports_organisation_id_idx" ON "concern_reports" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "concern_reports_reporter_idx" ON "concern_reports" USING btree ("reporter_user_id","created_at");--> statement-breakpoint
CREATE INDEX "material_versions_check_status_idx" ON "material_versions" USING btree ("check_status");--> statement-breakpoint
-- Files shared before checks existed were published as they were: they are not checked again, and every
-- one of their versions counts as published (old versions stay downloadable, as they were).
UPDATE "material_versions" SET "check_status" = 'skipped', "published_at" = "created_at";
