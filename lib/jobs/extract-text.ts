import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/query-rows';
import { materials, materialVersions } from '@/lib/db/schema';
import { extractText, type ExtractionLimits, type ExtractionResult } from '@/lib/extract';
import type { Services } from '@/lib/services';
import { logger } from '@/lib/logging';

/**
 * The extract-text job: reads the text of one file version and stores it, so search finds words
 * inside the file. The version's `text_status` column is the job's durable record: it is 'pending'
 * from the moment the version is written (in the same transaction), and the worker's sweep queues
 * every pending version, so a crash between commit and queueing loses nothing.
 *
 * Safe to run twice: a version whose text is already settled is left alone, and the result is
 * written only while the version is still 'pending' or 'extracting', so two runs can never store
 * different outcomes one over the other.
 */

export type TextStatus = 'pending' | 'extracting' | 'done' | 'no_text' | 'unsupported' | 'failed';

export const settledTextStatuses: readonly TextStatus[] = ['done', 'no_text', 'unsupported', 'failed'];

export interface ExtractVersionOptions {
  /** Overrides of the extraction limits (tests use small ones). */
  limits?: Partial<ExtractionLimits>;
  /**
   * The queue's last attempt: if the stored file cannot be opened even now, record the failure
   * instead of throwing for another retry.
   */
  finalAttempt?: boolean;
}

export type ExtractVersionOutcome = TextStatus | 'skipped';

/** Extracts and stores one version's text. Throws only when storage could not be read (retry). */
export async function extractVersionText(
  services: Services,
  versionId: string,
  options: ExtractVersionOptions = {},
): Promise<ExtractVersionOutcome> {
  const [version] = await services.db
    .select({
      id: materialVersions.id,
      materialId: materialVersions.materialId,
      format: materialVersions.format,
      sizeBytes: materialVersions.sizeBytes,
      storageKey: materialVersions.storageKey,
      textStatus: materialVersions.textStatus,
    })
    .from(materialVersions)
    .where(eq(materialVersions.id, versionId));
  // Deleted since it was queued, or already settled by an earlier run.
  if (!version || settledTextStatuses.includes(version.textStatus as TextStatus)) return 'skipped';

  await services.db
    .update(materialVersions)
    .set({ textStatus: 'extracting' })
    .where(and(eq(materialVersions.id, versionId), eq(materialVersions.textStatus, 'pending')));

  let result: ExtractionResult;
  try {
    const { body } = await services.storage.get(version.storageKey);
    try {
      result = await extractText({ format: version.format, body: () => body, sizeBytes: version.sizeBytes }, options.limits, {
        onFailure: ({ reason, error }) =>
          logger('extract-text').warn({ versionId, format: version.format, reason, err: error }, 'text not read'),
      });
    } finally {
      // Extraction may decide without reading (an unsupported format, a file over the size limit).
      body.destroy();
    }
  } catch (error) {
    if (!options.finalAttempt) throw error;
    logger('extract-text').error({ versionId, err: error }, 'could not read the stored file: recorded as failed');
    result = { status: 'failed', reason: 'malformed', message: 'We could not open the stored file to read its text. Try replacing the file.' };
  }
  return recordResult(services, version.materialId, versionId, result);
}

async function recordResult(
  services: Services,
  materialId: string,
  versionId: string,
  result: ExtractionResult,
): Promise<ExtractVersionOutcome> {
  return services.db.transaction(async (tx) => {
    const updated = await tx
      .update(materialVersions)
      .set({
        textStatus: result.status,
        textContent: result.status === 'done' ? result.text : null,
        textTruncated: result.status === 'done' ? result.truncated : false,
        textLength: result.status === 'done' ? result.text.length : null,
        textFailure: result.status === 'failed' ? result.message : null,
        pageCount: result.status === 'done' ? (result.pageCount ?? null) : null,
        slideCount: result.status === 'done' ? (result.slideCount ?? null) : null,
        sheetCount: result.status === 'done' ? (result.sheetCount ?? null) : null,
        textUpdatedAt: new Date(),
      })
      .where(and(eq(materialVersions.id, versionId), inArray(materialVersions.textStatus, ['pending', 'extracting'])))
      .returning({ id: materialVersions.id });
    if (updated.length === 0) return 'skipped';
    // Refolds the latest version's text into the search vector (trigger) and queues the change
    // for Meilisearch (outbox trigger), in this same transaction.
    await tx.update(materials).set({ textIndexedAt: new Date() }).where(eq(materials.id, materialId));
    return result.status;
  });
}

/** Versions still waiting for their text, oldest first: what the worker's sweep queues. */
export async function pendingTextVersionIds(services: Services, limit = 500): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    services.db,
    sql`SELECT id FROM material_versions WHERE text_status IN ('pending', 'extracting') ORDER BY created_at LIMIT ${limit}`,
  );
  return rows.map((row) => row.id);
}

/**
 * Extracts every pending version here and now, one at a time, without the queue: for tests,
 * benchmarks and the import command. Returns how many were settled.
 */
export async function extractPendingTexts(services: Services, options: ExtractVersionOptions = {}): Promise<number> {
  let settled = 0;
  for (;;) {
    const ids = await pendingTextVersionIds(services, 100);
    if (ids.length === 0) return settled;
    for (const id of ids) {
      await extractVersionText(services, id, { ...options, finalAttempt: true });
      settled += 1;
    }
  }
}
