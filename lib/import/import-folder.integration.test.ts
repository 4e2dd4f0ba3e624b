import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import { materials, materialVersions, organisations, pendingUploads } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { LocalDiskStore } from '@/lib/storage/local-disk-store';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { vocabularies } from '@/lib/taxonomy/vocabularies';
import { createTestDatabase, testDrivers, type TestDriver } from '@/lib/testing/databases';
import { testSettings } from '@/lib/testing/settings';
import { importFolder, type ImportReport } from './import-folder';
import { parseManifest } from './manifest';
import { artefactTypeSynonyms, mapLicence, mapManifestRow, phaseSynonyms, topicSynonyms } from './map-vocabulary';

interface CorpusRow {
  file: string;
  sha256: string;
  licence: string;
  title: string;
}

const corpusManifest = fs.readFileSync(path.join(testSettings.corpusDir, 'manifest.csv'), 'utf8');
const corpusRows = parse(corpusManifest, { columns: true, skip_empty_lines: true }) as CorpusRow[];
const corpusShaByFile = new Map(corpusRows.map((r) => [r.file, r.sha256]));

interface Hub {
  database: DatabaseHandle;
  services: Services;
  storage: LocalDiskStore;
  close(): Promise<void>;
}

async function openHub(driver: TestDriver): Promise<Hub> {
  const database = await createTestDatabase(driver);
  await syncVocabularies(database.db);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-import-files-'));
  const storage = new LocalDiskStore(filesDir);
  return {
    database,
    storage,
    services: { db: database.db, storage, maxUploadBytes: 100 * 1024 * 1024 },
    async close() {
      await database.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

async function counts(hub: Hub) {
  const [m] = await hub.services.db.select({ n: count() }).from(materials);
  const [v] = await hub.services.db.select({ n: count() }).from(materialVersions);
  const [p] = await hub.services.db.select({ n: count() }).from(pendingUploads);
  let objects = 0;
  for await (const key of hub.storage.listKeys()) if (key) objects++;
  return { materials: m?.n, versions: v?.n, pending: p?.n, objects };
}

async function materialFor(hub: Hub, report: ImportReport, file: string) {
  const outcome = report.outcomes.find((o) => o.file === file);
  if (outcome?.status !== 'imported') throw new Error(`${file} was not imported: ${JSON.stringify(outcome)}`);
  const [row] = await hub.services.db.select().from(materials).where(eq(materials.id, outcome.materialId));
  return row!;
}

describe('the mapping tables', () => {
  it('map every guess in the corpus manifest to entries that exist in the vocabularies, without a warning', () => {
    const v = vocabularies();
    const slugs = (list: { slug: string }[]) => new Set(list.map((i) => i.slug));
    const [phases, types, kinds, topics] = [slugs(v.phases), slugs(v.artefactTypes), slugs(v.kinds), slugs(v.topics)];
    for (const list of Object.values(phaseSynonyms)) for (const p of list) expect(phases).toContain(p);
    for (const [guess, t] of Object.entries(artefactTypeSynonyms)) {
      expect(types).toContain(t.artefactType);
      expect(kinds).toContain(t.kind);
      // A guess that is already a slug or label must not be sent elsewhere by the table.
      const exact = v.artefactTypes.find((a) => a.slug === guess.replace(/ /g, '-') || a.label.toLowerCase() === guess);
      if (exact) expect(t.artefactType).toBe(exact.slug);
    }
    for (const t of Object.values(topicSynonyms)) for (const slug of t.topics) expect(topics).toContain(slug);

    const { rows } = parseManifest(corpusManifest);
    expect(rows).toHaveLength(corpusRows.length);
    for (const row of rows) {
      const mapped = mapManifestRow(row);
      expect(mapped.errors).toEqual([]);
      // Every corpus value is covered by the mapping tables: no warnings at all.
      expect(mapped.warnings).toEqual([]);
    }
  });

  it('never relicenses: licences the hub lists exactly, everything else is "ask the owner"', () => {
    expect(mapLicence('OGL-3.0 - LICENSE.md')).toMatchObject({ spdx: 'OGL-UK-3.0', substituted: false });
    expect(mapLicence('OGL-3.0 (published content) / MIT (code) - LICENSE')).toMatchObject({ spdx: 'OGL-UK-3.0' });
    expect(mapLicence('MIT - LICENSE ((c) Unboxed Consulting Ltd)')).toMatchObject({
      spdx: 'MIT',
      copyright: 'Unboxed Consulting Ltd',
      substituted: false,
    });
    // OGL v2.0 (the GDS service manual) is in the hub's list: kept as v2.0, never relabelled as v3.
    expect(mapLicence('OGL-2.0 (content) / MIT (code) - LICENCE')).toMatchObject({ spdx: 'OGL-UK-2.0', substituted: false });
    expect(mapLicence('GPL-3.0')).toMatchObject({ spdx: 'LicenseRef-ask-owner', substituted: true });
    expect(mapLicence('GPL-3.0').warning).toContain('recorded as LicenseRef-ask-owner');
    expect(mapLicence('CC-BY-4.0')).toMatchObject({ spdx: 'CC-BY-4.0', substituted: false });
    expect(mapLicence('cc-by-4.0')).toMatchObject({ spdx: 'CC-BY-4.0' });
    expect(mapLicence('')).toMatchObject({ spdx: 'LicenseRef-ask-owner', substituted: true });
    expect(mapLicence('MIT / CC-BY-4.0')).toMatchObject({ spdx: 'LicenseRef-ask-owner', substituted: true });
    expect(mapLicence('Apache-2.0')).toMatchObject({ spdx: 'LicenseRef-ask-owner', substituted: true });
  });
});

describe.each(testDrivers)('importFolder on %s', (driver) => {
  describe('the real corpus', () => {
    let hub: Hub;
    let first: ImportReport;
    beforeAll(async () => {
      hub = await openHub(driver);
    });
    afterAll(async () => hub?.close());

    it('imports every row, with its title, licence and source, and stores the files unchanged', async () => {
      first = await importFolder(hub.services, testSettings.corpusDir);
      expect(first.errors).toEqual([]);
      expect(first).toMatchObject({ rows: 89, imported: 89, skipped: 0, failed: 0 });
      expect(await counts(hub)).toEqual({ materials: 89, versions: 89, pending: 0, objects: 89 });

      expect(first.warnings).toEqual([]);

      const overview = await materialFor(hub, first, '001-gds-discovery-phase-overview.md');
      expect(overview).toMatchObject({
        title: 'Discovery phase',
        licence: 'OGL-UK-2.0',
        phases: ['discovery'],
        artefactType: 'playbook',
        kind: 'guidance',
        organisationId: null,
        sourceUrl:
          'https://github.com/alphagov/government-service-design-manual/blob/4efa105e0dde7beb862f99253f118e140da8d487/service-manual/phases/discovery.md',
        attribution: 'Published in alphagov/government-service-design-manual under OGL-2.0 (content) / MIT (code).',
      });

      const consent = await materialFor(hub, first, '039-scotgov-getting-consent.md');
      expect(consent).toMatchObject({
        title: 'Getting consent from participants',
        licence: 'OGL-UK-3.0',
        phases: ['discovery', 'alpha', 'beta', 'live'],
        artefactType: 'consent-form',
        kind: 'guidance',
      });
      expect(consent.sourceUrl).toMatch(/^https:\/\/github\.com\/scottishgovernment\/resources\.mygov\.scot\/blob\/[0-9a-f]{40}\//);

      const cps = await materialFor(hub, first, '098-cps-witness-expenses-alpha-assessment-report.docx');
      expect(cps).toMatchObject({
        title: 'Claim witness expenses - alpha assessment report',
        licence: 'MIT',
        phases: ['alpha'],
        attribution: '© Crown Copyright CPS. Published in CPS-Innovation/digital-sop under MIT.',
      });
      expect(cps.tags).toContain('criminal justice');

      // Every stored object is byte for byte the corpus file (its sha256 is the manifest's).
      const versions = await hub.services.db
        .select({ fileName: materialVersions.fileName, sha256: materialVersions.sha256, key: materialVersions.storageKey })
        .from(materialVersions);
      expect(versions).toHaveLength(89);
      for (const version of versions) {
        const { body } = await hub.storage.get(version.key);
        const hash = createHash('sha256');
        for await (const chunk of body) hash.update(chunk as Buffer);
        expect({ file: version.fileName, sha256: hash.digest('hex') }).toEqual({
          file: version.fileName,
          sha256: corpusShaByFile.get(version.fileName),
        });
        expect(version.sha256).toBe(corpusShaByFile.get(version.fileName));
      }
    }, 600_000);

    it('imports nothing the second time: every row is skipped as already there', async () => {
      expect(first?.imported).toBe(89);
      const before = await counts(hub);
      const again = await importFolder(hub.services, testSettings.corpusDir);
      expect(again).toMatchObject({ rows: 89, imported: 0, skipped: 89, failed: 0, warnings: [], errors: [] });
      expect(await counts(hub)).toEqual(before);
    }, 600_000);
  });

  describe('a manifest with bad rows', () => {
    let hub: Hub;
    let base: string;
    afterEach(async () => {
      await hub?.close();
      if (base) fs.rmSync(base, { recursive: true, force: true });
    });

    it('names each bad row by its line, imports the good ones and writes nothing else', async () => {
      hub = await openHub(driver);
      base = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-import-'));
      const folder = path.join(base, 'folder');
      fs.mkdirSync(folder);
      const write = (name: string, text: string) => fs.writeFileSync(path.join(folder, name), text);
      write('good.md', '# A persona\n\nMarta, 72, renews her bus pass every year.\n');
      write('untitled.md', '# No title in the manifest\n');
      write('napkin.md', '# A sketch on a napkin\n');
      write('tampered.md', '# Not what the manifest says\n');
      fs.writeFileSync(path.join(base, 'escape.md'), '# Outside the folder\n');
      const goodSha = createHash('sha256').update(fs.readFileSync(path.join(folder, 'good.md'))).digest('hex');
      write(
        'manifest.csv',
        [
          'File,Title,Summary,Phases,Artefact type,Kind,Topics,Tags,Council,Licence,Source URL,sha256,Attribution',
          // Line 2 (its summary runs on to line 3): good, in the hub's own columns.
          `good.md,Bus pass persona,"Who renews a bus pass,\nand why",discovery|Alpha,Personas or user profiles,template,housing,"Bus pass, older people",E09000012,CC-BY-4.0,https://example.org/persona,${goodSha},© Hackney`,
          'untitled.md,,,discovery,persona,template,,,,,,,', // line 4: no title
          'missing.pdf,Missing file,,discovery,persona,template,,,,,,,', // line 5: no such file
          'napkin.md,Napkin sketch,,alpha,napkin sketch,example,,,,OGL-UK-3.0,,,', // line 6: unknown type
          '../escape.md,Escaping,,discovery,persona,template,,,,,,,', // line 7: outside the folder
          `tampered.md,Tampered,,discovery,persona,template,,,,,,${'0'.repeat(64)},`, // line 8: sha mismatch
        ].join('\n') + '\n',
      );

      const report = await importFolder(hub.services, folder);
      expect(report).toMatchObject({ rows: 6, imported: 2, skipped: 0, failed: 4 });
      expect(report.errors.map((e) => e.line)).toEqual([4, 5, 7, 8]);
      const errorAt = (line: number) => report.errors.find((e) => e.line === line)?.message;
      expect(errorAt(4)).toMatch(/title/);
      expect(errorAt(5)).toMatch(/"missing\.pdf" is not in the folder/);
      expect(errorAt(7)).toMatch(/"\.\.\/escape\.md" is not a plain file name/);
      expect(errorAt(8)).toMatch(/sha256/);
      expect(report.warnings).toEqual([
        {
          line: 6,
          file: 'napkin.md',
          message: 'artefact_type "napkin sketch" is not an artefact type in the hub\'s list: recorded as other',
        },
      ]);

      expect(await counts(hub)).toEqual({ materials: 2, versions: 2, pending: 0, objects: 2 });
      const good = await materialFor(hub, report, 'good.md');
      const [hackney] = await hub.services.db.select().from(organisations).where(eq(organisations.slug, 'hackney'));
      expect(good).toMatchObject({
        title: 'Bus pass persona',
        summary: 'Who renews a bus pass,\nand why',
        phases: ['discovery', 'alpha'],
        artefactType: 'persona',
        kind: 'template',
        topics: ['housing'],
        tags: ['bus pass', 'older people'],
        organisationId: hackney!.id,
        licence: 'CC-BY-4.0',
        sourceUrl: 'https://example.org/persona',
        attribution: '© Hackney',
      });
      const napkin = await materialFor(hub, report, 'napkin.md');
      expect(napkin).toMatchObject({ artefactType: 'other', kind: 'example', phases: ['alpha'], licence: 'OGL-UK-3.0' });
    });
  });
});
