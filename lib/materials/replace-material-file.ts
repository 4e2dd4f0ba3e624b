import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { currentVersion } from './current-version';
import { insertVersion } from './insert-version';
import { fieldErrorsOf, materialToChange, single } from './material-access';
import { queueTextExtraction } from './queue-text-extraction';
import { queuePreviews } from '@/lib/material-previews/queue-preview';
import { checkIncomingFile, discardFile, storeFileThenRecord, type IncomingFile } from './store-file';

export const changeNoteLimit = 500;

export function changeNoteSchema() {
  return z.object({
    changeNote: z.preprocess(
      (value) => single(value) ?? '',
      z
        .string({ message: 'Enter what has changed' })
        .transform((s) => s.trim())
        .pipe(
          z
            .string()
            .min(1, 'Enter what has changed')
            .max(changeNoteLimit, `What has changed must be ${changeNoteLimit} characters or fewer`),
        ),
    ),
  });
}

export interface ReplaceMaterialFileRequest {
  /** Raw answers, as posted: `changeNote`. */
  fields: Record<string, unknown>;
  file: IncomingFile | undefined;
  /** Set when the file is an earlier version made current again (make-version-current.ts): audited as such. */
  fromVersion?: number;
}

export interface ReplacedFile {
  id: string;
  versionId: string;
  versionNumber: number;
  sha256: string;
  sizeBytes: number;
}

/**
 * Replaces a material's file with a new version (the next version number, with a change note and who
 * uploaded it). Earlier versions and their files are kept, and stay downloadable by whoever may see the
 * material (openVersionDownload).
 *
 * Who: as for updateMaterial ('not_found' / 'forbidden'), checked before a byte is stored and again,
 * on the locked row, in the transaction that records the version.
 * All or nothing, exactly as sharing (store-file.ts): a refused file is never stored; storage failure
 * writes no row; a database failure deletes the stored object.
 */
export async function replaceMaterialFile(
  services: Services,
  viewer: Viewer,
  materialId: string,
  request: ReplaceMaterialFileRequest,
): Promise<ReplacedFile> {
  try {
    await materialToChange(services.db, viewer, materialId);
  } catch (error) {
    await discardFile(services, request.file);
    throw error;
  }

  const parsed = changeNoteSchema().safeParse(request.fields);
  const errors = parsed.success ? [] : fieldErrorsOf(parsed.error);
  const file = await checkIncomingFile(services, request.file, errors);
  const changeNote = parsed.success ? parsed.data.changeNote : '';

  const replaced = await storeFileThenRecord(services, file, async (tx, stored) => {
    const row = await materialToChange(tx, viewer, materialId, true);
    const previous = await currentVersion(tx, row.id);
    // The material's row is locked, so two replacements of one material cannot take the same number.
    const versionNumber = (previous?.versionNumber ?? 0) + 1;
    const versionId = await insertVersion(tx, { materialId: row.id, versionNumber, stored, actor: viewer, changeNote });
    // A new file is checked before anyone else sees it: the material is a draft again until its
    // uploader has seen the check and publishes it (a withdrawn one too: replacing the file is how a
    // council fixes a material hidden after a concern).
    const status = 'draft';
    await tx.update(materials).set({ updatedAt: new Date(), status }).where(eq(materials.id, row.id));
    await recordAuditEvent(tx, viewer, {
      action: request.fromVersion ? 'material.version_made_current' : 'material.file_replaced',
      subjectType: 'material',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: previous
        ? { versionNumber: previous.versionNumber, fileName: previous.fileName, format: previous.format, sizeBytes: previous.sizeBytes, sha256: previous.sha256 }
        : null,
      after: { versionNumber, fileName: stored.fileName, format: stored.format.code, sizeBytes: stored.sizeBytes, sha256: stored.sha256, changeNote, status, ...(request.fromVersion ? { fromVersion: request.fromVersion } : {}) },
    });
    return { id: row.id, versionId, versionNumber, sha256: stored.sha256, sizeBytes: stored.sizeBytes };
  });
  await queueTextExtraction(services, [replaced.versionId]);
  await queuePreviews(services, [replaced.versionId]);
  return replaced;
}
