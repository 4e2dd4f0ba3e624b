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
  accounts,
  adminRequests,
  concernReports,
  contactMessages,
  digests,
  feedback,
  filePreviews,
  followerSettings,
  follows,
  joinRequests,
  kitItems,
  kits,
  unsubscribeTokens,
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
import { listFollows } from '@/lib/following/list-follows';
import { sendDigests } from '@/lib/following/send-digests';
import { checkUnsubscribeToken, unsubscribeWithToken } from '@/lib/following/unsubscribe-tokens';
import { getKit } from '@/lib/kits/get-kit';
import { openKitZip } from '@/lib/kits/open-kit-zip';
import { readStream, unzip } from '@/lib/kits/testing/fixtures';
import type { MailMessage } from '@/lib/mail/mailer';
import { createDrizzleAdapter } from '@/lib/sign-in/drizzle-adapter';
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
import { sampleMicrosoftAccount } from './testing/sample-requests';
import { verifyBackup } from './verify-backup';

/**
 * A hub backed up and restored into a fresh, empty one, through the real share path: on both
 * database drivers with local disk, and on Postgres with S3 (s3rver, the real wire protocol).
 * The sample hub has rows in every table a backup holds, and each comes back with as many rows.
 * Afterwards every version downloads with its sha256, search finds what it found before for each
 * kind of viewer, follows, kits, sent digests, unsubscribe links and linked accounts work as they did,
 * and nobody is still signed in.
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
    expect(rows).toMatchObject({ materials: 4, material_versions: 6, material_version_alternatives: 2, users: 4 });
    expect(manifest.tables.map((table) => table.name)).not.toContain('sessions');
    expect(manifest.objects.count).toBe(8);
    expect(manifest.migration).toMatch(/^\d{4}_/);
  });

  it('holds every table of the hub but those left out on purpose', async () => {
    const { rows } = await source.database.executeSql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const tables = (rows as { tablename: string }[]).map((row) => row.tablename);
    const listed = [...backedUpTables.map((table) => table.name), ...Object.keys(tablesLeftOut)];
    expect(tables.filter((table) => !listed.includes(table)), 'tables neither backed up nor left out on purpose').toEqual([]);
    expect(listed.filter((table) => !tables.includes(table)), 'listed tables the hub does not have').toEqual([]);
  });

  it('fills every backed-up table in the sample hub, and brings back as many rows of each', async () => {
    const counts = async (hub: TestHub) => Object.fromEntries(await Promise.all(backedUpTables.map(async ({ name }) => [name, await rowCount(hub, name)] as const)));
    const [before, after] = [await counts(source), await counts(target)];
    expect(Object.keys(before).filter((name) => before[name] === 0), 'backed-up tables the sample hub leaves empty').toEqual([]);
    expect(after).toEqual(before);
  });

  it('brings back every row as it was, with the same ids', async () => {
    for (const table of [
      materials, materialVersions, materialVersionAlternatives, users, accounts, apiTokens, materialUses, materialDownloadDays,
      commitments, commitmentEvidence, commitmentReminders, projects, projectPartners, projectUpdates, projectUpdateMaterials, projectReminders,
      follows, followerSettings, digests, unsubscribeTokens, kits, kitItems, joinRequests, adminRequests, contactMessages, concernReports, feedback,
    ]) {
      const before = await source.services.db.select().from(table);
      const after = await target.services.db.select().from(table);
      expect(before.length).toBeGreaterThan(0);
      const withoutDerived = (rows: Record<string, unknown>[]) =>
        rows.map(({ searchVector: _vector, ...rest }) => rest).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
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

  it('keeps what people follow: the follower still follows the council and the project, and a sent digest is not sent again', async () => {
    const followed = async (hub: TestHub) => (await listFollows(hub.services, await liveViewer(hub, sample.ali.id))).follows.map(({ kind, label, href }) => ({ kind, label, href }));
    expect(await followed(target)).toEqual(await followed(source));
    expect((await followed(target)).map((follow) => follow.kind).sort()).toEqual(['council', 'project']);
    const sent: MailMessage[] = [];
    const mail = { hubUrl: 'http://hub.test', send: async (message: MailMessage) => void sent.push(message) };
    expect(await sendDigests({ ...target.services, mail }, { now: sample.digests.sentAt })).toMatchObject({ claimed: 0, sent: 0 });
    expect(sent).toEqual([]);
  });

  it('keeps kits: the kit lists its items as each viewer may see them, and its zip holds the same files', async () => {
    for (const id of [null, sample.sam.id]) {
      const before = await getKit(source.services, id ? await liveViewer(source, id) : anonymous, sample.kitId);
      const after = await getKit(target.services, id ? await liveViewer(target, id) : anonymous, sample.kitId);
      expect(after?.items.map((item) => item.title)).toEqual(id ? ['Bin collections interview guide', 'Housing repairs survey'] : ['Bin collections interview guide']);
      expect(after).toEqual(before);
    }
    const zipOf = async (hub: TestHub) => {
      const zip = await openKitZip(hub.services, await liveViewer(hub, sample.sam.id), sample.kitId, { hubUrl: 'http://hub.test', now: new Date('2026-12-01T10:00:00Z') });
      return unzip(await readStream(zip!.body));
    };
    const files = await zipOf(target);
    expect(files.size).toBe(4);
    expect(files).toEqual(await zipOf(source));
  });

  it('keeps unsubscribe links: the one in the digest already sent still works, once', async () => {
    const { unsubscribeToken } = sample.digests;
    expect(await checkUnsubscribeToken(target.services, unsubscribeToken)).toBe('valid');
    expect(await unsubscribeWithToken(target.services, unsubscribeToken)).toBe('valid');
    const [settings] = await target.services.db.select().from(followerSettings).where(eq(followerSettings.userId, sample.ali.id));
    expect(settings?.frequency).toBe('off');
    expect(await unsubscribeWithToken(target.services, unsubscribeToken)).toBe('used');
  });

  it('keeps linked Microsoft accounts: signing in with the same one finds the same person', async () => {
    const adapter = createDrizzleAdapter(() => target.services.db);
    expect(await adapter.getUserByAccount(sampleMicrosoftAccount)).toMatchObject({ id: sample.sam.id });
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

async function rowCount(hub: TestHub, table: string): Promise<number> {
  const { rows } = await hub.database.executeSql(`SELECT count(*)::int AS count FROM "${table}"`);
  return (rows as { count: number }[])[0]!.count;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
