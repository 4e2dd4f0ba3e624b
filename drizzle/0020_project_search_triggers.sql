-- Custom SQL migration file, put your code below! --
-- Projects in search (issue 8, part 4). Every change to a project (registered, edited, moved phase,
-- paused, deleted), to its partner councils (who may see a council-only project) and to its
-- council's name is written to the search outbox in the same transaction, for the Meilisearch
-- projects index. And projects' words join search_words, the dictionary typo correction and "did you
-- mean" draw on, so a typo in a word only a project uses is corrected too.
CREATE OR REPLACE FUNCTION search_outbox_project_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_outbox (project_id) VALUES (OLD.project_id);
  ELSE
    INSERT INTO search_outbox (project_id) VALUES (NEW.project_id);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_outbox_project_row_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO search_outbox (project_id) VALUES (OLD.id);
  ELSE
    INSERT INTO search_outbox (project_id) VALUES (NEW.id);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER projects_search_outbox_trigger
  AFTER INSERT OR UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION search_outbox_project_row_changed();
--> statement-breakpoint
CREATE TRIGGER project_partners_search_outbox_trigger
  AFTER INSERT OR UPDATE OR DELETE ON project_partners
  FOR EACH ROW EXECUTE FUNCTION search_outbox_project_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_outbox_organisation_renamed() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_outbox (material_id) SELECT m.id FROM materials m WHERE m.organisation_id = NEW.id;
  INSERT INTO search_outbox (project_id) SELECT p.id FROM projects p WHERE p.organisation_id = NEW.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION projects_search_words_update() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_words (word)
    SELECT w.lexeme
    FROM unnest(to_tsvector('simple', concat_ws(' ', NEW.name, NEW.summary))) AS w
    WHERE w.lexeme ~ '^[a-z]{3,30}$'
    ON CONFLICT (word) DO NOTHING;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER projects_search_words_trigger
  AFTER INSERT OR UPDATE OF name, summary ON projects
  FOR EACH ROW EXECUTE FUNCTION projects_search_words_update();
--> statement-breakpoint
-- Projects already registered teach the dictionary their words now.
INSERT INTO search_words (word)
  SELECT DISTINCT w.lexeme
  FROM projects p, unnest(to_tsvector('simple', concat_ws(' ', p.name, p.summary))) AS w
  WHERE w.lexeme ~ '^[a-z]{3,30}$'
  ON CONFLICT (word) DO NOTHING;
