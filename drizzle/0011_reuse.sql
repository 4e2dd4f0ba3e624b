CREATE TABLE "material_download_days" (
	"material_id" uuid NOT NULL,
	"day" date NOT NULL,
	"downloads" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "material_download_days_material_id_day_pk" PRIMARY KEY("material_id","day")
);
--> statement-breakpoint
CREATE TABLE "material_download_viewers" (
	"material_id" uuid NOT NULL,
	"day" date NOT NULL,
	"viewer_key" text NOT NULL,
	CONSTRAINT "material_download_viewers_material_id_day_viewer_key_pk" PRIMARY KEY("material_id","day","viewer_key")
);
--> statement-breakpoint
CREATE TABLE "material_uses" (
	"material_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recorded_by" uuid,
	"note" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "material_uses_material_id_organisation_id_pk" PRIMARY KEY("material_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "material_download_days" ADD CONSTRAINT "material_download_days_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_download_viewers" ADD CONSTRAINT "material_download_viewers_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_uses" ADD CONSTRAINT "material_uses_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_uses" ADD CONSTRAINT "material_uses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_uses" ADD CONSTRAINT "material_uses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "material_download_viewers_day_idx" ON "material_download_viewers" USING btree ("day");--> statement-breakpoint
CREATE INDEX "material_uses_organisation_idx" ON "material_uses" USING btree ("organisation_id");