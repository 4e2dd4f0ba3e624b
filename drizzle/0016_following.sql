CREATE TABLE "digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"period" text NOT NULL,
	"covers_from" timestamp with time zone NOT NULL,
	"covers_to" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'claimed' NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"item_count" integer,
	"sent_at" timestamp with time zone,
	CONSTRAINT "digests_status" CHECK ("digests"."status" IN ('claimed', 'sent'))
);
--> statement-breakpoint
CREATE TABLE "follower_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"frequency" text DEFAULT 'weekly' NOT NULL,
	"last_digest_at" timestamp with time zone,
	"last_visit_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follower_settings_frequency" CHECK ("follower_settings"."frequency" IN ('daily', 'weekly', 'off'))
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unsubscribe_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "first_published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follower_settings" ADD CONSTRAINT "follower_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unsubscribe_tokens" ADD CONSTRAINT "unsubscribe_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digests_user_period_key" ON "digests" USING btree ("user_id","period");--> statement-breakpoint
CREATE INDEX "digests_status_idx" ON "digests" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_user_kind_target_key" ON "follows" USING btree ("user_id","kind","target");--> statement-breakpoint
CREATE INDEX "follows_kind_target_idx" ON "follows" USING btree ("kind","target");--> statement-breakpoint
CREATE UNIQUE INDEX "unsubscribe_tokens_hash_key" ON "unsubscribe_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "unsubscribe_tokens_expires_idx" ON "unsubscribe_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "materials_first_published_at_idx" ON "materials" USING btree ("first_published_at");--> statement-breakpoint
-- When a material was first published, whichever verb publishes it (sharing, the check, bulk import,
-- restoring): a trigger, so no publishing path can forget it. Digests ask for materials published in
-- their period (lib/following). Materials published before this column existed count from when shared.
UPDATE "materials" SET "first_published_at" = "created_at" WHERE "status" <> 'draft';--> statement-breakpoint
CREATE OR REPLACE FUNCTION materials_first_published() RETURNS trigger AS $$
BEGIN
  IF NEW.status = 'published' AND NEW.first_published_at IS NULL THEN
    NEW.first_published_at := now();
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER materials_first_published BEFORE INSERT OR UPDATE OF status ON "materials"
  FOR EACH ROW EXECUTE FUNCTION materials_first_published();
