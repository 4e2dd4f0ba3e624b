import 'server-only';
import { createHash } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { filePreviews, materialVersionAlternatives, materialVersions, pendingUploads } from '@/lib/db/schema';
import { BlobNotFoundError, type BlobStore } from '@/lib/storage/blob-store';

/**
 * `npm run storage:verify`: proves that every file version the database knows of is in storage, whole
 * (its size and SHA-256 as recorded when it was shared), and finds stored objects nothing refers to.
 * The database is the record: storage is checked against it, never the other way round.
 *
 * An object nothing refers to is normal for a moment (an upload in progress is covered by its
 * pending_uploads row; a deleted material's file goes just after its row), so `repair` removes only
 * those older than the grace period. Previews' pictures (file_previews.storage_keys) are referenced
 * too; they are derived and re-made, so only their presence as references is used here. Versions'
 * alternative formats (material_version_alternatives) are checked whole, like the files.
 */

export interface VersionProblem {
  versionId: string;
  storageKey: string;
  problem: 'missing' | 'wrong size' | 'wrong checksum';
  detail?: string;
  /** Set when the problem is with the version's alternative format (docx, odt), not its own file. */
  alternative?: string;
}

export interface StorageReport {
  versionsChecked: number;
  /** Alternative formats of versions (lib/material-alternatives), checked the same way. */
  alternativesChecked: number;
  bytesRead: number;
  problems: VersionProblem[];
  /** Stored objects no version or upload in progress refers to. */
  orphans: { key: string; sizeBytes: number; modifiedAt: Date }[];
  /** Orphans removed (repair only): those older than the grace period. */
  removed: string[];
}

export interface VerifyOptions {
  repair: boolean;
  /** Orphans younger than this are left alone, even with repair. */
  graceMs: number;
  now?: Date;
  /** Called after each version, for progress on large hubs. */
  onProgress?: (checked: number) => void;
}

export const defaultGraceHours = 24;

const batchSize = 500;

export async function verifyStorage(db: Database, storage: BlobStore, options: VerifyOptions): Promise<StorageReport> {
  const report: StorageReport = { versionsChecked: 0, alternativesChecked: 0, bytesRead: 0, problems: [], orphans: [], removed: [] };
  const referenced = new Set<string>();

  // Versions in id order, a batch at a time, so memory stays flat however many there are.
  let after: string | undefined;
  for (;;) {
    const batch = await db
      .select({ id: materialVersions.id, storageKey: materialVersions.storageKey, sizeBytes: materialVersions.sizeBytes, sha256: materialVersions.sha256 })
      .from(materialVersions)
      .where(after ? gt(materialVersions.id, after) : undefined)
      .orderBy(asc(materialVersions.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    for (const version of batch) {
      referenced.add(version.storageKey);
      const problem = await checkVersion(storage, version, report);
      if (problem) report.problems.push(problem);
      report.versionsChecked += 1;
      options.onProgress?.(report.versionsChecked);
    }
    after = batch[batch.length - 1]!.id;
  }

  // Alternative formats (a starter template's DOCX and ODT): kept, not re-made, so checked like files.
  let afterKey: string | undefined;
  for (;;) {
    const batch = await db
      .select({
        id: materialVersionAlternatives.versionId,
        format: materialVersionAlternatives.format,
        storageKey: materialVersionAlternatives.storageKey,
        sizeBytes: materialVersionAlternatives.sizeBytes,
        sha256: materialVersionAlternatives.sha256,
      })
      .from(materialVersionAlternatives)
      .where(afterKey ? gt(materialVersionAlternatives.storageKey, afterKey) : undefined)
      .orderBy(asc(materialVersionAlternatives.storageKey))
      .limit(batchSize);
    if (batch.length === 0) break;
    for (const alternative of batch) {
      referenced.add(alternative.storageKey);
      const problem = await checkVersion(storage, alternative, report);
      if (problem) report.problems.push({ ...problem, alternative: alternative.format });
      report.alternativesChecked += 1;
    }
    afterKey = batch[batch.length - 1]!.storageKey;
  }

  // Previews' pictures, a batch of previews at a time: referenced, never checked (they can be re-made).
  let afterPreview: string | undefined;
  for (;;) {
    const batch = await db
      .select({ versionId: filePreviews.versionId, keys: filePreviews.storageKeys })
      .from(filePreviews)
      .where(afterPreview ? gt(filePreviews.versionId, afterPreview) : undefined)
      .orderBy(asc(filePreviews.versionId))
      .limit(batchSize);
    if (batch.length === 0) break;
    for (const preview of batch) for (const key of preview.keys) referenced.add(key);
    afterPreview = batch[batch.length - 1]!.versionId;
  }

  const now = options.now ?? new Date();
  for await (const object of storage.listObjects()) {
    if (referenced.has(object.key)) continue;
    // Read the in-progress uploads afresh for each candidate: one may have started since the scan began.
    if (await isUploadInProgress(db, object.key)) continue;
    report.orphans.push(object);
    if (options.repair && now.getTime() - object.modifiedAt.getTime() > options.graceMs) {
      await storage.delete(object.key);
      report.removed.push(object.key);
    }
  }
  return report;
}

async function checkVersion(
  storage: BlobStore,
  version: { id: string; storageKey: string; sizeBytes: number; sha256: string },
  report: StorageReport,
): Promise<VersionProblem | undefined> {
  const base = { versionId: version.id, storageKey: version.storageKey };
  let body;
  try {
    ({ body } = await storage.get(version.storageKey));
  } catch (error) {
    if (error instanceof BlobNotFoundError) return { ...base, problem: 'missing' };
    throw error;
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  report.bytesRead += size;
  if (size !== version.sizeBytes) return { ...base, problem: 'wrong size', detail: `${size} bytes stored, ${version.sizeBytes} recorded` };
  const digest = hash.digest('hex');
  if (digest !== version.sha256) return { ...base, problem: 'wrong checksum', detail: `stored ${digest}, recorded ${version.sha256}` };
  return undefined;
}

async function isUploadInProgress(db: Database, key: string): Promise<boolean> {
  const rows = await db.select({ key: pendingUploads.storageKey }).from(pendingUploads).where(eq(pendingUploads.storageKey, key)).limit(1);
  return rows.length > 0;
}
