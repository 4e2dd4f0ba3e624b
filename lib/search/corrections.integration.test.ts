import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '@/lib/auth/viewer';
import { extractPendingTexts } from '@/lib/jobs/extract-text';
import { createMaterial } from '@/lib/materials/create-material';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { searchMaterials } from './index';
import { PostgresSearchEngine } from './postgres-search-engine';
import { parseSearchParams } from './search-params';

/**
 * "Also searched for …": the page names the close words a typo was widened to, but only words it can
 * show in this viewer's results. The typo dictionary holds words of private materials too.
 */

const importer: Actor = { kind: 'system', label: 'corrections test' };

describe.each(testDrivers)('corrections named on the results page, on %s', (driver) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    const share = (title: string, visibility: string, body: string) =>
      createMaterial(hub.services, {
        actor: importer,
        fields: { title, phases: ['discovery'], artefactType: 'research-plan', kind: 'template', licence: 'OGL-UK-3.0', council: 'bristol', visibility },
        file: { fileName: 'notes.md', stream: Readable.from([Buffer.from(body)]) },
      });
    await share('Public research plan', 'public', 'We counted the wombats in the park.');
    await share('Private research plan', 'organisation', 'A draft about the wombate project.');
    await extractPendingTexts(hub.services);
  });
  afterAll(async () => hub.close());

  it('names the close word that found the public material, never the private one', async () => {
    // The engine widened the typo to both close words, the private one included…
    const engine = await new PostgresSearchEngine(hub.services.db).search(anonymous, parseSearchParams({ q: 'wombatx' }));
    expect(engine.corrections[0]?.closeMatches.sort()).toEqual(['wombate', 'wombats']);
    // …but the page names only the one it can show.
    const results = await searchMaterials(hub.services, anonymous, parseSearchParams({ q: 'wombatx' }));
    expect(results.hits.map((hit) => hit.title)).toEqual(['Public research plan']);
    expect(results.corrections).toEqual([{ typed: 'wombatx', closeMatches: ['wombats'] }]);
  });

  it('names nothing when nothing was found', async () => {
    // Every word asked for: widened to some of them, "wombatx" alone would find the public plan.
    const results = await searchMaterials(hub.services, anonymous, { ...parseSearchParams({ q: 'wombatx zebra' }), matching: 'all' });
    expect(results.total).toBe(0);
    expect(results.corrections).toEqual([]);
  });
});
