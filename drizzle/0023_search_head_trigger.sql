-- Custom SQL migration file, put your code below! --
-- search_head (drizzle/0022): the search vector's title, summary and tags/service areas/council parts
-- without the file's text, kept by the same trigger as search_vector, so the Postgres engine can rank
-- a large result by it without decompressing every file's text (lib/search/postgres/two-stage-hits.ts).
CREATE OR REPLACE FUNCTION materials_search_vector_update() RETURNS trigger AS $$
DECLARE
  topic_labels text;
  organisation_name text;
  body text;
BEGIN
  SELECT coalesce(string_agg(t.label, ' '), '') INTO topic_labels FROM topics t WHERE t.slug = ANY (NEW.topics);
  SELECT coalesce(o.name, '') INTO organisation_name FROM organisations o WHERE o.id = NEW.organisation_id;
  SELECT left(coalesce(v.text_content, ''), 600000) INTO body
    FROM material_versions v WHERE v.material_id = NEW.id ORDER BY v.version_number DESC LIMIT 1;
  body := coalesce(body, '');
  NEW.search_head :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', array_to_string(NEW.tags, ' ') || ' ' || topic_labels || ' ' || coalesce(organisation_name, '')), 'C');
  NEW.search_vector := NEW.search_head || setweight(to_tsvector('english', body), 'D');
  INSERT INTO search_words (word)
    SELECT w.lexeme
    FROM unnest(to_tsvector('simple', concat_ws(' ', NEW.title, NEW.summary, array_to_string(NEW.tags, ' '), topic_labels, body))) AS w
    WHERE w.lexeme ~ '^[a-z]{3,30}$'
    ON CONFLICT (word) DO NOTHING;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Materials already shared: their head, worked out here rather than through the trigger, which would
-- read every file's text again (minutes for a large hub). Meilisearch does not index the head, so the
-- outbox trigger is paused for this one statement rather than queue every material again.
ALTER TABLE materials DISABLE TRIGGER materials_search_outbox_trigger;
--> statement-breakpoint
UPDATE materials m SET search_head =
    setweight(to_tsvector('english', coalesce(m.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(m.summary, '')), 'B') ||
    setweight(to_tsvector('english', array_to_string(m.tags, ' ') || ' ' ||
      coalesce((SELECT string_agg(t.label, ' ') FROM topics t WHERE t.slug = ANY (m.topics)), '') || ' ' ||
      coalesce((SELECT o.name FROM organisations o WHERE o.id = m.organisation_id), '')), 'C');
--> statement-breakpoint
ALTER TABLE materials ENABLE TRIGGER materials_search_outbox_trigger;
