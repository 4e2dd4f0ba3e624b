import 'server-only';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Viewer } from '@/lib/auth/viewer';
import { cleanDocument, type CheckReport } from '@/lib/checks';
import { materials } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { formatByCode } from '@/lib/formats/file-formats';
import { currentVersion } from '@/lib/materials/current-version';
import { insertVersion } from '@/lib/materials/insert-version';
import { materialToChange } from '@/lib/materials/material-access';
import { queueTextExtraction } from '@/lib/materials/queue-text-extraction';
import { queuePreviews } from '@/lib/material-previews/queue-preview';
import { storeFileThenRecord } from '@/lib/materials/store-file';
import type { Services } from '@/lib/services';
import { checkVersion } from './check-version';
import { readStoredBytes } from './read-stored-bytes';
import { currentVersionCheck } from './version-check';

/** The formats cleanDocument cleans (lib/checks/README.md, "Clean-up"). */
export const cleanableFormats: readonly string[] = ['docx', 'xlsx', 'pptx', 'jpeg', 'png'];

export interface CleanedFile {
  id: string;
  versionNumber: number;
  /** What was taken out, in plain words ("2 comments", "the author’s name"). */
  removed: string[];
  /** Hidden content the check still finds in the new file (read back from storage): should be none. */
  stillFound: number;
}

/**
 * Makes a copy of the material's current file without the hidden content the hub can remove
 * (authors, comments, tracked changes; location data in pictures), and stores it as a new version
 * with a change note saying what went. The original stays as an earlier version, never published,
 * so only the council sees it. The new file is read back from storage and checked again at once:
 * the result says whether anything cleanable is still there. The material stays (or becomes) a draft
 * until its uploader publishes it.
 * Who: whoever may change the material ('not_found' / 'forbidden').
 */
export async function cleanMaterialFile(services: Services, viewer: Viewer, materialId: string): Promise<CleanedFile> {
  const row = await materialToChange(services.db, viewer, materialId);
  const version = await currentVersionCheck(services.db, row.id);
  const format = version ? formatByCode(version.format) : undefined;
  if (!version || !format || !cleanableFormats.includes(version.format)) {
    throw new AppError('bad_request', 'The hub cannot clean files of this type. Remove hidden details in the application that made the file, then replace it.');
  }
  const read = await readStoredBytes(services, version.storageKey, version.sizeBytes);
  if (!read.ok) throw new AppError('bad_request', 'The file is too big for the hub to clean. Remove hidden details in the application that made it, then replace it.');
  const cleaned = await cleanDocument(version.format, read.bytes);
  if (cleaned.status !== 'cleaned') throw new AppError('bad_request', cleaned.message);
  if (cleaned.removed.length === 0) throw new AppError('bad_request', 'There was nothing the hub could remove from this file.');

  const changeNote = `Cleaned by the hub: removed ${cleaned.removed.join(', ')}`.slice(0, 500);
  const file = { fileName: version.fileName, format, body: Readable.from([cleaned.bytes]) };
  const created = await storeFileThenRecord(services, file, async (tx, stored) => {
    const locked = await materialToChange(tx, viewer, materialId, true);
    const previous = await currentVersion(tx, locked.id);
    if (previous?.id !== version.id) throw new AppError('conflict', 'The file was replaced meanwhile. Look at its check again.');
    const versionNumber = previous.versionNumber + 1;
    const versionId = await insertVersion(tx, { materialId: locked.id, versionNumber, stored, actor: viewer, changeNote });
    await tx.update(materials).set({ updatedAt: new Date(), status: 'draft' }).where(eq(materials.id, locked.id));
    await recordAuditEvent(tx, viewer, {
      action: 'material.cleaned',
      subjectType: 'material',
      subjectId: locked.id,
      organisationId: locked.organisationId,
      before: { versionNumber: previous.versionNumber, sha256: previous.sha256, status: locked.status },
      after: { versionNumber, sha256: stored.sha256, removed: cleaned.removed, status: 'draft' },
    });
    return { versionId, versionNumber };
  });
  await queueTextExtraction(services, [created.versionId]);
  await queuePreviews(services, [created.versionId]);
  // Read back from storage and checked: proves what was stored is what was cleaned.
  await checkVersion(services, created.versionId);
  const after = await currentVersionCheck(services.db, row.id);
  const report = after?.checkReport as CheckReport | null;
  const stillFound = report?.status === 'checked'
    ? report.findings.filter((f) => ['author', 'last-modified-by', 'comment', 'tracked-change', 'image-location'].includes(f.kind) && f.likelihood !== 'unlikely').length
    : 0;
  return { id: row.id, versionNumber: created.versionNumber, removed: cleaned.removed, stillFound };
}
