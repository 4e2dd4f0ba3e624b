CREATE TABLE "commitment_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commitment_id" uuid NOT NULL,
	"material_id" uuid,
	"url" text,
	"title" text,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_evidence_one_kind" CHECK (("commitment_evidence"."material_id" IS NOT NULL AND "commitment_evidence"."url" IS NULL AND "commitment_evidence"."title" IS NULL) OR ("commitment_evidence"."material_id" IS NULL AND "commitment_evidence"."url" IS NOT NULL AND "commitment_evidence"."title" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "commitment_reminders" (
	"commitment_id" uuid NOT NULL,
	"reminder" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_reminders_commitment_id_reminder_pk" PRIMARY KEY("commitment_id","reminder")
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"phase" text,
	"description" text NOT NULL,
	"due_on" date NOT NULL,
	"evidence_expected" text NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"contact_user_id" uuid,
	"recorded_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_evidence" ADD CONSTRAINT "commitment_evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_reminders" ADD CONSTRAINT "commitment_reminders_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_phase_phases_slug_fk" FOREIGN KEY ("phase") REFERENCES "public"."phases"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_contact_user_id_users_id_fk" FOREIGN KEY ("contact_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_evidence_commitment_idx" ON "commitment_evidence" USING btree ("commitment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commitment_evidence_material_key" ON "commitment_evidence" USING btree ("commitment_id","material_id");--> statement-breakpoint
CREATE INDEX "commitments_organisation_idx" ON "commitments" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "commitments_due_on_idx" ON "commitments" USING btree ("due_on");