import 'server-only';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { checkDocument, verifyFormat, type CheckReport } from '@/lib/checks';
import { queryRows } from '@/lib/db/query-rows';
import { materialVersions } from '@/lib/db/schema';
import type { ExtractionLimits } from '@/lib/extract/limits';
import type { Services } from '@/lib/services';
import { readStoredBytes } from './read-stored-bytes';
import { logger } from '@/lib/logging';

/**
 * The check before publishing, for one file version: is the whole file the format it claims
 * (verifyFormat), and what personal data, hidden content and accessibility signals are in it
 * (checkDocument). Runs in the background job queue (the check-file job), or here and now for a
 * small upload so that the check page has its answer at once. The version's check_status is the
 * durable record: 'pending' from the moment the version is written; whoever moves it to 'checking'
 * does the work; the worker's sweep queues anything pending, or checking for too long (a crash).
 *
 * Bounded like text extraction (lib/extract/limits.ts: size, inflation, time; PDFs in a worker
 * thread with a capped heap). Nothing found is ever logged: logs say only how many findings.
 */

export type CheckStatus = 'pending' | 'checking' | 'checked' | 'not-checked' | 'failed' | 'skipped';

/** A check still 'checking' after this long was interrupted (a crash): it is run again. */
const staleCheckMs = 5 * 60 * 1000;

export interface CheckVersionOptions {
  limits?: Partial<ExtractionLimits>;
}

/** Checks one version, if nobody else is. Returns what it recorded, or 'skipped'. */
export async function checkVersion(services: Services, versionId: string, options: CheckVersionOptions = {}): Promise<CheckStatus | 'skipped'> {
  const claimed = await services.db
    .update(materialVersions)
    .set({ checkStatus: 'checking', checkedAt: new Date() })
    .where(
      and(
        eq(materialVersions.id, versionId),
        or(
          eq(materialVersions.checkStatus, 'pending'),
          and(eq(materialVersions.checkStatus, 'checking'), lt(materialVersions.checkedAt, new Date(Date.now() - staleCheckMs))),
        ),
      ),
    )
    .returning({ format: materialVersions.format, storageKey: materialVersions.storageKey, fileName: materialVersions.fileName, sizeBytes: materialVersions.sizeBytes });
  const version = claimed[0];
  if (!version) return 'skipped';

  let report: CheckReport;
  let formatProblem: string | null = null;
  const read = await readStoredBytes(services, version.storageKey, version.sizeBytes, options.limits);
  if (!read.ok) {
    report = { status: 'failed', format: version.format, reason: read.reason, message: read.message };
  } else {
    const verdict = await verifyFormat(version.format, read.bytes, options.limits).catch(() => undefined);
    if (verdict && !verdict.ok) formatProblem = verdict.reason;
    report = await checkDocument({ format: version.format, bytes: read.bytes, fileName: version.fileName }, options.limits, {
      // The reason only: the error's message could quote the file.
      onFailure: ({ reason }) => logger('check-file').warn({ versionId, format: version.format, reason }, 'could not be checked'),
    });
  }
  const status: CheckStatus = report.status;
  await services.db
    .update(materialVersions)
    .set({
      checkStatus: status,
      checkReport: report.status === 'checked' ? report : null,
      checkMessage: report.status === 'checked' ? null : report.message,
      formatProblem,
      checkedAt: new Date(),
    })
    .where(and(eq(materialVersions.id, versionId), eq(materialVersions.checkStatus, 'checking')));
  const findings = report.status === 'checked' ? report.findings.length : undefined;
  logger('check-file').info({ versionId, checkStatus: status, findings, notTheFormatItClaims: formatProblem ? true : undefined }, 'version checked');
  return status;
}

/** Versions waiting for their check (or whose check was interrupted), oldest first. */
export async function pendingCheckVersionIds(services: Services, limit = 200): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    services.db,
    sql`SELECT id FROM material_versions
        WHERE check_status = 'pending' OR (check_status = 'checking' AND checked_at < ${new Date(Date.now() - staleCheckMs)})
        ORDER BY created_at LIMIT ${limit}`,
  );
  return rows.map((row) => row.id);
}

/** Checks every pending version here and now, without the queue: for tests and the import command. */
export async function checkPendingVersions(services: Services, options: CheckVersionOptions = {}): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = await pendingCheckVersionIds(services, 100);
    if (ids.length === 0) return done;
    for (const id of ids) {
      await checkVersion(services, id, options);
      done += 1;
    }
  }
}

/**
 * Checks a just-uploaded version now when it is small enough to be quick, so the uploader lands on
 * a check page with its answer; otherwise (or if this fails) asks the queue, and the sweep is the
 * backstop either way.
 */
export const inlineCheckBytes = 5 * 1024 * 1024;

/**
 * At most this many inline checks at once in one process: each reads and parses a document in memory,
 * and 50 uploads at once grew the server by 850 MB when every one was checked in its request
 * (`npm run bench:load`). The others go to the queue; their uploaders see "checking" for a moment more.
 */
export const maxInlineChecks = 2;
let inlineChecksRunning = 0;

export async function checkSoon(services: Services, version: { id: string; sizeBytes: number }): Promise<void> {
  if (version.sizeBytes <= inlineCheckBytes && inlineChecksRunning < maxInlineChecks) {
    inlineChecksRunning += 1;
    try {
      await checkVersion(services, version.id);
      return;
    } catch (error) {
      logger('check-file').warn({ versionId: version.id, err: error }, 'inline check failed, queued instead');
      await services.db.update(materialVersions).set({ checkStatus: 'pending' }).where(and(eq(materialVersions.id, version.id), inArray(materialVersions.checkStatus, ['checking'])));
    } finally {
      inlineChecksRunning -= 1;
    }
  }
  if (!services.jobs) return;
  await services.jobs.checkFile([version.id]).catch((error: unknown) => logger('jobs').error({ err: error }, 'could not queue a check (the sweep will)'));
}
