import 'server-only';
import { createHmac } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { materialDownloadDays, materialDownloadViewers } from '@/lib/db/schema';
import type { Services } from '@/lib/services';

/** Dedup rows are needed for today only; a day's grace covers a download that straddles midnight. */
const keepDays = 2;

export interface DownloadFacts {
  /** The network address (lib/sign-in/client-address.ts), for someone signed out; null if unknown. */
  networkAddress: string | null;
  /** The server's secret (lib/sign-in/auth-secret.ts): keys the hash of a signed-out viewer's address. */
  secret: string;
  now?: Date;
}

/** The UTC day of a moment, as 'YYYY-MM-DD'. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Who is downloading, as far as counting needs: a user by their id; someone signed out by a keyed
 * hash of their network address, the day and the material. The day and material are in the hash so
 * that the stored keys of two days, or two materials, cannot be matched to follow one address; the
 * secret is in it so that nobody holding the table can test guessed addresses against it. Signed-out
 * downloads with no known address share one key a day (counted once), rather than once each.
 */
export function downloadViewerKey(viewer: Viewer, materialId: string, day: string, facts: Pick<DownloadFacts, 'networkAddress' | 'secret'>): string {
  if (viewer.kind === 'user') return `user:${viewer.userId}`;
  const hash = createHmac('sha256', facts.secret).update(`${facts.networkAddress ?? ''}\n${day}\n${materialId}`).digest('base64url');
  return `anon:${hash}`;
}

/**
 * Counts one download of a material (current file or an older version), at most once per viewer per
 * material per UTC day. Call only after the download was allowed. Returns whether it counted.
 * Also deletes the dedup keys of earlier days, so nothing about who downloaded is kept for long.
 */
export async function countDownload(services: Services, viewer: Viewer, materialId: string, facts: DownloadFacts): Promise<boolean> {
  const now = facts.now ?? new Date();
  const day = utcDay(now);
  const viewerKey = downloadViewerKey(viewer, materialId, day, facts);
  return services.db.transaction(async (tx) => {
    const added = await tx
      .insert(materialDownloadViewers)
      .values({ materialId, day, viewerKey })
      .onConflictDoNothing()
      .returning({ day: materialDownloadViewers.day });
    if (added.length === 0) return false;
    await tx
      .insert(materialDownloadDays)
      .values({ materialId, day, downloads: 1 })
      .onConflictDoUpdate({ target: [materialDownloadDays.materialId, materialDownloadDays.day], set: { downloads: sql`${materialDownloadDays.downloads} + 1` } });
    await tx.delete(materialDownloadViewers).where(lt(materialDownloadViewers.day, utcDay(new Date(now.getTime() - keepDays * 86_400_000))));
    return true;
  });
}

/** How many times a material was downloaded, all days together. No permission check: callers have done it. */
export async function downloadCountOf(services: Services, materialId: string): Promise<number> {
  const [row] = await services.db
    .select({ n: sql<number>`coalesce(sum(${materialDownloadDays.downloads}), 0)::int`.mapWith(Number) })
    .from(materialDownloadDays)
    .where(and(eq(materialDownloadDays.materialId, materialId)));
  return row?.n ?? 0;
}
