-- Custom SQL migration file, put your code below! --
-- search_terms (drizzle/0024): each word of a material's search_head with how well it alone ranks the
-- material, rewritten whenever the head changes. The weights are lib/search/postgres/ranking.ts's
-- (D, C, B, A) and normalisation 1; lib/search/postgres/search-terms.integration.test.ts fails if the
-- two differ. Deleting a material deletes its rows (foreign key).
CREATE OR REPLACE FUNCTION materials_search_terms_update() RETURNS trigger AS $$
BEGIN
  DELETE FROM search_terms WHERE material_id = NEW.id;
  INSERT INTO search_terms (lexeme, material_id, score)
    SELECT w.lexeme, NEW.id, ts_rank_cd('{0.004,0.2,0.4,1}'::float4[], NEW.search_head, quote_literal(w.lexeme)::tsquery, 1)
    FROM unnest(NEW.search_head) AS w;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER materials_search_terms_insert
  AFTER INSERT ON materials
  FOR EACH ROW WHEN (NEW.search_head IS NOT NULL)
  EXECUTE FUNCTION materials_search_terms_update();
--> statement-breakpoint
CREATE TRIGGER materials_search_terms_update
  AFTER UPDATE ON materials
  FOR EACH ROW WHEN (NEW.search_head IS DISTINCT FROM OLD.search_head)
  EXECUTE FUNCTION materials_search_terms_update();
--> statement-breakpoint
-- Materials already shared (their heads were filled by drizzle/0023).
INSERT INTO search_terms (lexeme, material_id, score)
  SELECT w.lexeme, m.id, ts_rank_cd('{0.004,0.2,0.4,1}'::float4[], m.search_head, quote_literal(w.lexeme)::tsquery, 1)
  FROM materials m CROSS JOIN LATERAL unnest(m.search_head) AS w
  WHERE m.search_head IS NOT NULL;
