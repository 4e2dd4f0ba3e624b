CREATE TABLE "material_version_alternatives" (
	"version_id" uuid NOT NULL,
	"format" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "material_version_alternatives_version_id_format_pk" PRIMARY KEY("version_id","format"),
	CONSTRAINT "material_version_alternatives_storage_key_key" UNIQUE("storage_key")
);
--> statement-breakpoint
ALTER TABLE "material_version_alternatives" ADD CONSTRAINT "material_version_alternatives_version_id_material_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."material_versions"("id") ON DELETE cascade ON UPDATE no action;