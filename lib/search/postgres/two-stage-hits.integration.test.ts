import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { createTestDatabase, testDrivers } from '@/lib/testing/databases';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { PostgresSearchEngine } from '../postgres-search-engine';
import type { SearchQuery } from '../search-engine';
import { emptySearchQuery } from '../search-params';
import { ranking, rankSql } from './ranking';
import { sampling } from './sampling';
import { twoStage } from './two-stage-hits';

// Large results in the built-in engine: ranked in two stages (two-stage-hits.ts) beyond
// twoStage.minimumCandidates, counted from a sample (sampling.ts) beyond sampling.exactLimit matches.
// The hub here: 130 published materials about kiosks (20 with the word in the title, 30 in the
// summary, 20 in the tags, 60 only in their file's text, which also says "queue"), 10 drafts with it
// in the title (never found), 15 with it in the title that only Bristol's members may see, and 1,500
// about ferries, so the table is larger than one sample.
const kiosks = { title: 20, summary: 30, tags: 20, text: 60 };
const kioskTotal = kiosks.title + kiosks.summary + kiosks.tags + kiosks.text;
const bristolOnly = 15;
const ferries = 1500;
const ferriesInBeta = 30;

describe.each(testDrivers)('large results on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let engine: PostgresSearchEngine;
  const search = (query: Partial<SearchQuery>, viewer: Viewer = anonymous) =>
    engine.search(viewer, { ...emptySearchQuery(), sort: 'relevance', ...query });
  const memberOf = async (slug: string): Promise<Viewer> => {
    const [organisation] = await queryRows<{ id: string; slug: string; name: string }>(handle.db, sql`SELECT id, slug, name FROM organisations WHERE slug = ${slug}`);
    return { kind: 'user', userId: '00000000-0000-4000-8000-000000000001', name: null, organisation: organisation!, role: 'member', isSiteAdmin: false };
  };

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await syncVocabularies(handle.db);
    const insert = (count: number, title: string, summary: string, tags: string, phase: string, status = 'published') =>
      handle.db.execute(sql`
        INSERT INTO materials (title, summary, tags, phases, artefact_type, kind, licence, status, created_at)
        SELECT ${title} || ' ' || i, ${summary}, string_to_array(${tags}, ' '), ARRAY[${phase}], 'other', 'example', 'OGL-UK-3.0', ${status},
               now() - make_interval(mins => i)
        FROM generate_series(1, ${count}) AS i`);
    await insert(kiosks.title, 'Kiosk pilot notes', 'What residents said.', 'notes', 'discovery');
    // Half of the summaries also say "queue", so excluding it leaves some of them.
    await insert(kiosks.summary / 2, 'Library visits', 'Residents used the kiosk.', 'visits', 'discovery');
    await insert(kiosks.summary / 2, 'Library queues', 'Residents queued at the kiosk.', 'visits', 'discovery');
    await insert(kiosks.tags, 'Self-service findings', 'What we learned.', 'kiosk findings', 'alpha');
    await insert(kiosks.text, 'Opening hours research', 'Interviews at the front desk.', 'interviews', 'alpha');
    await insert(10, 'Kiosk draft', 'Not shared yet.', 'draft', 'discovery', 'draft');
    await insert(bristolOnly, 'Kiosk rota', 'For our staff.', 'rota', 'discovery');
    await handle.db.execute(sql`
      UPDATE materials SET visibility = 'organisation', organisation_id = (SELECT id FROM organisations WHERE slug = 'bristol')
      WHERE title LIKE 'Kiosk rota %'`);
    await insert(ferries - ferriesInBeta, 'Ferry timetable research', 'Crossings.', 'ferry', 'discovery');
    await insert(ferriesInBeta, 'Ferry ticket machine', 'Crossings.', 'ferry', 'beta');
    // The text-only materials' files mention the kiosk (and a queue) a different number of times each.
    await handle.db.execute(sql`
      INSERT INTO material_versions (material_id, version_number, file_name, format, content_type, size_bytes, sha256, storage_key, text_status, text_content)
      SELECT m.id, 1, 'notes.txt', 'txt', 'text/plain', 100, md5(m.id::text), 'test/' || m.id, 'done',
             repeat('People waited in the queue for the kiosk. ', 1 + (substring(m.title from '[0-9]+$'))::int % 7) || repeat('Opening hours. ', 50)
      FROM materials m WHERE m.title LIKE 'Opening hours research %'`);
    await handle.db.execute(sql`UPDATE materials SET text_indexed_at = now() WHERE title LIKE 'Opening hours research %'`);
    // The planner's row count, which the sample's size is worked out from (autovacuum does this on a real hub).
    await handle.db.execute(sql`ANALYZE materials`);
    engine = new PostgresSearchEngine(handle.db);
  }, 120_000);
  afterAll(async () => handle?.close());

  /** Every match the viewer may see, best first, ranked by the whole vector: what one stage gives. */
  async function rankedByWholeVector(words: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(handle.db, sql`
      SELECT m.id FROM materials m
      WHERE m.status = 'published' AND m.visibility = 'public' AND m.search_vector @@ plainto_tsquery('english', ${words})
      ORDER BY ${rankSql(sql`plainto_tsquery('english', ${words})`)} DESC, m.created_at DESC, m.id`);
    return rows.map((row) => row.id);
  }

  async function everyPage(query: Partial<SearchQuery>, viewer: Viewer = anonymous): Promise<string[]> {
    const first = await search({ ...query, page: 1, pageSize: 20 }, viewer);
    const ids = first.hits.map((hit) => hit.id);
    for (let page = 2; page <= Math.ceil(first.total / 20); page++) ids.push(...(await search({ ...query, page, pageSize: 20 }, viewer)).hits.map((hit) => hit.id));
    return ids;
  }

  it('pages through a result ranked in two stages showing every match once, and counts it exactly', async () => {
    const results = await search({ text: 'kiosk' });
    expect(results.total).toBe(kioskTotal);
    expect(results.total).toBeGreaterThan(twoStage.minimumCandidates);
    expect(results.estimated).toBeUndefined();
    const ids = await everyPage({ text: 'kiosk' });
    expect(ids).toHaveLength(kioskTotal);
    expect(new Set(ids)).toEqual(new Set(await rankedByWholeVector('kiosk')));
  });

  it("finds a council's own materials for its members only, ranked with the rest", async () => {
    const rota = await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM materials WHERE title LIKE 'Kiosk rota %'`);
    const bristol = await everyPage({ text: 'kiosk' }, await memberOf('bristol'));
    expect(bristol).toHaveLength(kioskTotal + bristolOnly);
    expect(new Set(bristol).size).toBe(bristol.length);
    expect(rota.every((row) => bristol.includes(row.id))).toBe(true);
    const leeds = await everyPage({ text: 'kiosk' }, await memberOf('leeds'));
    expect(leeds).toHaveLength(kioskTotal);
    expect(leeds.some((id) => rota.some((row) => row.id === id))).toBe(false);
  });

  it('gives the same first page as ranking every match by its whole vector', async () => {
    const results = await search({ text: 'kiosk', pageSize: 20 });
    expect(results.hits.map((hit) => hit.id)).toEqual((await rankedByWholeVector('kiosk')).slice(0, 20));
  });

  it('never shows a material with an excluded word, even one only in its file', async () => {
    const ids = await everyPage({ text: 'kiosk -queue' });
    const withQueue = await queryRows<{ id: string }>(handle.db, sql`
      SELECT id FROM materials WHERE search_vector @@ plainto_tsquery('english', 'queue')`);
    expect(ids.filter((id) => withQueue.some((row) => row.id === id))).toEqual([]);
    expect(ids).toHaveLength(kiosks.title + kiosks.summary / 2 + kiosks.tags);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('estimates the total and the filter counts of a very large result from a sample, rounded, and says so', async () => {
    const results = await search({ text: 'ferry' });
    expect(ferries).toBeGreaterThan(sampling.exactLimit);
    expect(results.estimated).toEqual({ total: true, facets: true });
    expect(Math.abs(results.total - ferries)).toBeLessThan(ferries * 0.2);
    expect(String(results.total)).toMatch(/^\d{2}0+$/);
    const discovery = results.facets.phases.find((value) => value.value === 'discovery');
    expect(Math.abs(discovery!.count - (ferries - ferriesInBeta))).toBeLessThan(ferries * 0.2);
    expect(results.hits).toHaveLength(20);
    expect(results.hits.every((hit) => hit.title.startsWith('Ferry'))).toBe(true);
  });

  it('reaches every material of a very large result whatever its estimated total, each once', async () => {
    const ids: string[] = [];
    for (let page = 1; page <= 100; page++) {
      const results = await search({ text: 'ferry', page, pageSize: 50 });
      if (results.hits.length === 0) break;
      ids.push(...results.hits.map((hit) => hit.id));
    }
    expect(ids).toHaveLength(ferries);
    expect(new Set(ids).size).toBe(ferries);
  });

  it('counts the total exactly when filters leave few of a very large result, the filter counts still estimated', async () => {
    const results = await search({ text: 'ferry', filters: { ...emptySearchQuery().filters, phases: ['beta'] } });
    expect(results.total).toBe(ferriesInBeta);
    expect(results.estimated).toEqual({ total: false, facets: true });
    expect(results.hits.every((hit) => hit.phases.includes('beta'))).toBe(true);
  });

  it('keeps each title, summary and tag word with the rank ranking.ts gives it, through edits and deletion', async () => {
    const [material] = await queryRows<{ id: string }>(handle.db, sql`SELECT id FROM materials WHERE title = 'Kiosk pilot notes 1'`);
    const { D, C, B, A } = ranking.weights;
    const scores = () =>
      queryRows<{ lexeme: string; score: number; expected: number }>(handle.db, sql`
        SELECT t.lexeme, t.score::float8 AS score,
               ts_rank_cd(${`{${[D, C, B, A].join(',')}}`}::float4[], m.search_head, quote_literal(t.lexeme)::tsquery, ${ranking.normalization}::int)::float8 AS expected
        FROM search_terms t JOIN materials m ON m.id = t.material_id WHERE t.material_id = ${material!.id} ORDER BY t.lexeme`);
    const before = await scores();
    expect(before.map((row) => row.lexeme)).toEqual(expect.arrayContaining(['kiosk', 'pilot', 'note', 'resid']));
    for (const row of before) expect(row.score).toBeCloseTo(row.expected, 6);

    await handle.db.execute(sql`UPDATE materials SET title = 'Library pilot notes 1' WHERE id = ${material!.id}`);
    const after = await scores();
    expect(after.map((row) => row.lexeme)).not.toContain('kiosk');
    expect(after.map((row) => row.lexeme)).toContain('librari');

    await handle.db.execute(sql`DELETE FROM materials WHERE id = ${material!.id}`);
    expect(await scores()).toEqual([]);
  });
});
