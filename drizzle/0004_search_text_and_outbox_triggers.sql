-- Custom SQL migration file, put your code below! --
-- The latest version's extracted text joins the search vector at weight D, below title (A),
-- summary (B) and tags, topic labels and council name (C). Only the first 600,000 characters are
-- indexed: a tsvector must stay under 1 MB, and positions stop counting at 16,383 anyway.
-- The same words, unstemmed, feed search_words: the dictionary typo correction and "did you mean"
-- draw on.
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
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', array_to_string(NEW.tags, ' ') || ' ' || topic_labels || ' ' || coalesce(organisation_name, '')), 'C') ||
    setweight(to_tsvector('english', body), 'D');
  INSERT INTO search_words (word)
    SELECT w.lexeme
    FROM unnest(to_tsvector('simple', concat_ws(' ', NEW.title, NEW.summary, array_to_string(NEW.tags, ' '), topic_labels, body))) AS w
    WHERE w.lexeme ~ '^[a-z]{3,30}$'
    ON CONFLICT (word) DO NOTHING;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS materials_search_vector_trigger ON materials;
--> statement-breakpoint
CREATE TRIGGER materials_search_vector_trigger
  BEFORE INSERT OR UPDATE OF title, summary, tags, topics, organisation_id, text_indexed_at ON materials
  FOR EACH ROW EXECUTE FUNCTION materials_search_vector_update();
--> statement-breakpoint
-- The outbox the Meilisearch index is fed from: any change to a material (including its deletion),
-- and any renaming of its council, is recorded in the same transaction as the change.
CREATE OR REPLACE FUNCTION search_outbox_material_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_outbox (material_id) VALUES (OLD.id);
  ELSE
    INSERT INTO search_outbox (material_id) VALUES (NEW.id);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER materials_search_outbox_trigger
  AFTER INSERT OR UPDATE OR DELETE ON materials
  FOR EACH ROW EXECUTE FUNCTION search_outbox_material_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_outbox_organisation_renamed() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_outbox (material_id) SELECT m.id FROM materials m WHERE m.organisation_id = NEW.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organisations_search_outbox_trigger
  AFTER UPDATE OF name, slug ON organisations
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug)
  EXECUTE FUNCTION search_outbox_organisation_renamed();
--> statement-breakpoint
-- Materials already shared have the words of their titles and summaries in the dictionary too.
UPDATE materials SET text_indexed_at = NULL;
