CREATE TABLE "search_terms" (
	"lexeme" text NOT NULL,
	"material_id" uuid NOT NULL,
	"score" real NOT NULL,
	CONSTRAINT "search_terms_material_id_lexeme_pk" PRIMARY KEY("material_id","lexeme")
);
--> statement-breakpoint
ALTER TABLE "search_terms" ADD CONSTRAINT "search_terms_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_terms_best_idx" ON "search_terms" USING btree ("lexeme","score" DESC NULLS LAST,"material_id");