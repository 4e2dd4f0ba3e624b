import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '@/lib/auth/viewer';
import { materials, materialVersions } from '@/lib/db/schema';
import { createTestDatabase, testDrivers } from '@/lib/testing/databases';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { PostgresSearchEngine } from '../postgres-search-engine';
import { emptySearchQuery } from '../search-params';

// Relevance with file text in the vector (lib/search/postgres/ranking.ts): where the words are
// matters more than how often a long file repeats them.
const filler = (words: number) => Array.from({ length: words }, (_, i) => ['panel', 'members', 'answered', 'questions', 'weekly', 'about', 'services'][i % 7]).join(' ');

const fixtures = [
  { key: 'title', title: 'Garden waste subscription research', summary: 'Interviews with subscribers.', text: 'Interview notes.' },
  { key: 'summary', title: 'Resident survey', summary: 'Questions about garden waste collections.', text: 'Survey results.' },
  // About the words: a short file that keeps coming back to them.
  { key: 'short-file', title: 'Collection round notes', summary: 'Notes from the crews.', text: `${'Garden waste bins were missed. '.repeat(8)}${filler(150)}` },
  // Merely mentions them, three times, in a long file.
  { key: 'long-file', title: 'Annual residents report', summary: 'Everything residents told us this year.', text: `${filler(3000)} garden waste ${filler(3000)} garden waste ${filler(3000)} garden waste ${filler(3000)}` },
];

describe.each(testDrivers)('Postgres ranking on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  const keyOf = new Map<string, string>();

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await syncVocabularies(handle.db);
    for (const f of fixtures) {
      const [row] = await handle.db
        .insert(materials)
        .values({ title: f.title, summary: f.summary, phases: ['discovery'], artefactType: 'other', kind: 'example', licence: 'OGL-UK-3.0' })
        .returning({ id: materials.id });
      await handle.db.insert(materialVersions).values({
        materialId: row!.id,
        versionNumber: 1,
        fileName: 'notes.txt',
        format: 'txt',
        contentType: 'text/plain',
        sizeBytes: f.text.length,
        sha256: randomUUID(),
        storageKey: `test/${randomUUID()}`,
        textStatus: 'done',
        textContent: f.text,
      });
      // What the extract-text job does: touching text_indexed_at folds the text into the vector.
      await handle.db.update(materials).set({ textIndexedAt: sql`now()` }).where(eq(materials.id, row!.id));
      keyOf.set(row!.id, f.key);
    }
  });
  afterAll(async () => handle?.close());

  it('ranks title, then summary, then a file about the words, then a long file that mentions them', async () => {
    const results = await new PostgresSearchEngine(handle.db).search(anonymous, { ...emptySearchQuery(), text: 'garden waste', sort: 'relevance' });
    expect(results.hits.map((hit) => keyOf.get(hit.id))).toEqual(['title', 'summary', 'short-file', 'long-file']);
  });
});
