import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import {
  commitmentEvidence,
  commitmentReminders,
  projectPartners,
  projectReminders,
  projects,
  projectUpdateMaterials,
  projectUpdates,
  commitments,
  filePreviews,
  materialDownloadDays,
  materials,
  materialUses,
  materialVersionAlternatives,
  materialVersions,
  sessions,
  users,
  apiTokens,
  verificationTokens,
} from '@/lib/db/schema';
import { viewerForToken } from '@/lib/api-tokens/token-viewer';
import { addMissingPreviews } from '@/lib/material-previews/pending-previews';
import { generateAlternativeFormats } from '@/lib/documents';
import { storeVersionAlternatives } from '@/lib/material-alternatives/store-alternatives';
import { openAlternativeDownload, openVersionDownload, type Download } from '@/lib/materials/open-download';
import { liveViewer } from '@/lib/organisations/testing/fixtures';
import { searchMaterials } from '@/lib/search';
import { emptySearchQuery } from '@/lib/search/search-params';
import { S3Store } from '@/lib/storage/s3-store';
import { testDrivers, type TestDriver } from '@/lib/testing/databases';
import { startS3Server, type S3TestServer } from '@/lib/testing/s3-server';
import { createTestHub, storedKeys, type TestHub } from '@/lib/testing/test-hub';
import { backedUpTables, tablesLeftOut } from './backup-format';
import { backupHub } from './backup-hub';
import { restoreHub } from './restore-hub';
import { shareSampleMaterials, type SampleHub } from './testing/sample-hub';
import { verifyBackup } from './verify-backup';

/**
 * A hub backed up and restored into a fresh, empty one, through the real share path: on both
 * database drivers with local disk, and on Postgres with S3 (s3rver, the real wire protocol).
 * Afterwards every version downloads with its sha256, search finds what it found before for each
 * kind of viewer, and nobody is still signed in.
 */

const legs: [TestDriver, 'local' | 's3'][] = [...testDrivers.map((driver): [TestDriver, 'local'] => [driver, 'local']), ['pg', 's3']];

describe.each(legs)('backup and restore on %s with %s storage', (driver, storageKind) => {
  const servers: S3TestServer[] = [];
  let source: TestHub;
  let target: TestHub;
  let sample: SampleHub;
  let folder: string;

  async function newHub(): Promise<TestHub> {
    if (storageKind === 'local') return createTestHub(driver);
    const server = await startS3Server();
    servers.push(server);
    return createTestHub(driver, { storage: new S3Store(server.storageConfig) });
  }

  beforeAll(async () => {
    source = await newHub();
    sample = await shareSampleMaterials(source);
    // One version with its alternative formats (a template as DOCX and ODT): rows and files both kept.
    const [first] = await source.services.db.select().from(materialVersions).orderBy(materialVersions.createdAt).limit(1);
    await storeVersionAlternatives(source.services, first!.id, await generateAlternativeFormats('# Consent form\n', { created: new Date('2026-01-15') }));
    folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dc-backup-')), 'backup');
    await backupHub(source.services, folder);
    target = await newHub();
    await restoreHub(target.services, await verifyBackup(folder));
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    for (const server of servers) await server.stop();
    if (folder) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('writes a manifest that counts the rows and files', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { migration: string; tables: { name: string; rows: number }[]; objects: { count: number } };
    const rows = Object.fromEntries(manifest.tables.map((table) => [table.name, table.rows]));
    expect(rows).toMatchObject({ materials: 4, material_versions: 6, material_version_alternatives: 2, users: 3 });
    expect(manifest.tables.map((table) => table.name)).not.toContain('sessions');
    expect(manifest.objects.count).toBe(8);
    expect(manifest.migration).toMatch(/^\d{4}_/);
  });

  it('holds every table of the hub but those left out on purpose', async () => {
    const { rows } = await source.database.executeSql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const tables = (rows as { tablename: string }[]).map((row) => row.tablename);
    const accounted = new Set([...backedUpTables.map((table) => table.name), ...tablesLeftOut]);
    expect(tables.filter((table) => !accounted.has(table)), 'tables neither backed up nor left out on purpose').toEqual([]);
  });

  it('brings back every row as it was, with the same ids', async () => {
    for (const table of [materials, materialVersions, materialVersionAlternatives, users, apiTokens, materialUses, materialDownloadDays, commitments, commitmentEvidence, commitmentReminders, projects, projectPartners, projectUpdates, projectUpdateMaterials, projectReminders]) {
      const before = await source.services.db.select().from(table);
      const after = await target.services.db.select().from(table);
      expect(before.length).toBeGreaterThan(0);
      const withoutDerived = (rows: Record<string, unknown>[]) =>
        rows.map(({ searchVector: _vector, ...rest }) => rest).sort((a, b) => String(a.id ?? a.storageKey).localeCompare(String(b.id ?? b.storageKey)));
      expect(withoutDerived(after)).toEqual(withoutDerived(before));
    }
    const [withdrawn] = await target.services.db.select().from(materials).where(eq(materials.title, 'Old journey map'));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Out of date' });
  });

  it('downloads every version with the sha256 recorded when it was shared', async () => {
    const admin = await liveViewer(target, sample.admin.id);
    const versions = await source.services.db.select().from(materialVersions);
    expect(versions).toHaveLength(6);
    for (const version of versions) {
      const download = await openVersionDownload(target.services, admin, version.materialId, version.versionNumber);
      expect(sha256(await bytesOf(download))).toBe(version.sha256);
    }
    const alternatives = await source.services.db
      .select({ alternative: materialVersionAlternatives, materialId: materialVersions.materialId, versionNumber: materialVersions.versionNumber })
      .from(materialVersionAlternatives)
      .innerJoin(materialVersions, eq(materialVersions.id, materialVersionAlternatives.versionId));
    expect(alternatives).toHaveLength(2);
    for (const { alternative, materialId, versionNumber } of alternatives) {
      const download = await openAlternativeDownload(target.services, admin, materialId, versionNumber, alternative.format);
      expect(sha256(await bytesOf(download))).toBe(alternative.sha256);
    }
    const keys = [...versions.map((version) => version.storageKey), ...alternatives.map(({ alternative }) => alternative.storageKey)];
    expect((await storedKeys(target.services.storage)).sort()).toEqual(keys.sort());
  });

  it('leaves previews out: the restored hub makes them again, every version getting a pending one', async () => {
    expect(await target.services.db.select().from(filePreviews)).toEqual([]);
    expect(await addMissingPreviews(target.services)).toBe(6);
    const statuses = (await target.services.db.select().from(filePreviews)).map((preview) => preview.status);
    expect(statuses).toEqual(Array(6).fill('pending'));
  });

  it('finds the same materials for the same searches, for each kind of viewer', async () => {
    const viewers = async (hub: TestHub): Promise<Viewer[]> => [
      anonymous,
      await liveViewer(hub, sample.sam.id),
      await liveViewer(hub, sample.ali.id),
      await liveViewer(hub, sample.admin.id),
    ];
    const [before, after] = [await viewers(source), await viewers(target)];
    for (const text of ['', 'bin collections', 'composting', 'housing', 'consent', 'recycling', 'journey']) {
      for (const [index, viewer] of before.entries()) {
        const expected = await titles(source, viewer, text);
        expect(await titles(target, after[index]!, text), `"${text}" for viewer ${index}`).toEqual(expected);
      }
    }
    // The words inside the newest file are found: the search vectors were rebuilt, not left empty.
    expect(await titles(target, anonymous, 'composting')).toEqual(['Bin collections interview guide']);
  });

  it('signs everyone out: sessions and unused sign-in links are not restored, the people are', async () => {
    expect(await source.services.db.select().from(sessions)).toHaveLength(1);
    expect(await target.services.db.select().from(sessions)).toHaveLength(0);
    expect(await source.services.db.select().from(verificationTokens)).toHaveLength(1);
    expect(await target.services.db.select().from(verificationTokens)).toHaveLength(0);
    expect((await target.services.db.select().from(users)).map((user) => user.id)).toContain(sample.sam.id);
  });

  it('keeps API tokens as the README says: a live one acts for its person, a revoked one stays refused', async () => {
    expect(await target.services.db.select().from(apiTokens)).toHaveLength(2);
    expect(await viewerForToken(target.services, sample.apiTokenSecrets.live)).toMatchObject({ ok: true, scope: 'read', viewer: { userId: sample.sam.id } });
    expect(await viewerForToken(target.services, sample.apiTokenSecrets.revoked)).toEqual({ ok: false, reason: 'revoked' });
  });
});

async function titles(hub: TestHub, viewer: Viewer, text: string): Promise<string[]> {
  const results = await searchMaterials(hub.services, viewer, emptySearchQuery({ text }));
  return results.hits.map((hit) => hit.title).sort();
}

async function bytesOf(download: Download | undefined): Promise<Buffer> {
  if (!download) throw new Error('no download');
  if (download.type === 'redirect') return Buffer.from(await (await fetch(download.url)).arrayBuffer());
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
