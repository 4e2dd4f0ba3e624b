-- Custom SQL migration file, put your code below! --
-- Full-text search for the built-in Postgres engine.
-- Title weighs most (A), then summary (B), then tags, topic labels and the council's name (C).
-- A trigger rather than a generated column, because topic labels and council names live in other tables.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION materials_search_vector_update() RETURNS trigger AS $$
DECLARE
  topic_labels text;
  organisation_name text;
BEGIN
  SELECT coalesce(string_agg(t.label, ' '), '') INTO topic_labels FROM topics t WHERE t.slug = ANY (NEW.topics);
  SELECT coalesce(o.name, '') INTO organisation_name FROM organisations o WHERE o.id = NEW.organisation_id;
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('english', array_to_string(NEW.tags, ' ') || ' ' || topic_labels || ' ' || coalesce(organisation_name, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER materials_search_vector_trigger
  BEFORE INSERT OR UPDATE OF title, summary, tags, topics, organisation_id ON materials
  FOR EACH ROW EXECUTE FUNCTION materials_search_vector_update();
