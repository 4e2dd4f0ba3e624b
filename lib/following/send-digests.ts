import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/query-rows';
import { digests, users } from '@/lib/db/schema';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { buildDigests, type DigestToBuild } from './build-digests';
import { digestMessage, sectionItemCount } from './digest-email';
import { dailyPeriod, digestsDue, weeklyPeriod } from './digest-periods';
import { makeUnsubscribeToken } from './unsubscribe-tokens';

/**
 * Sending digests: the worker runs this every hour (lib/jobs/worker.ts) and operators may run
 * `npm run digests:send`. Each person gets one digest per period, through four steps:
 *
 *   claim  insert the period's row in `digests` (unique per person and period) with the period it
 *          covers, from where the last one ended to now: nothing is skipped, nothing covered twice;
 *   build  as the recipient may see now (build-digests.ts);
 *   send   by SMTP, after the claim has committed (never inside a transaction);
 *   mark   the row 'sent', and the person's last digest moved on, in one transaction.
 *
 * Running twice, or on two workers at once, finds the rows claimed or sent and does nothing. When
 * sending fails, the claim is released and the job fails, so pg-boss's retry sends it. A worker that
 * dies mid-way leaves a claim that is taken again once its lease has passed. The one window left is a
 * crash after the mail server accepted the email and before the row is marked: then the retry sends
 * the same digest (same Message-ID, so mail systems can drop the copy) rather than lose it.
 */
export const claimLeaseMinutes = 10;
/** Digests built together: followers of the same thing share searches only within a batch. */
export const digestBatchSize = 10_000;

export interface SendDigestsResult {
  claimed: number;
  sent: number;
  /** Claimed with nothing new: marked done, no email. */
  empty: number;
  failed: number;
}

/** Claims the digests due now (new periods, and claims whose lease has passed); returns their ids. */
export async function claimDigests(services: Services, now = new Date()): Promise<string[]> {
  const due = digestsDue(now);
  const leaseCutoff = new Date(now.getTime() - claimLeaseMinutes * 60_000);
  const rows = await queryRows<{ id: string }>(
    services.db,
    sql`WITH due AS (
          SELECT s.user_id,
                 CASE s.frequency WHEN 'daily' THEN ${dailyPeriod(now)} ELSE ${weeklyPeriod(now)} END AS period,
                 coalesce(s.last_digest_at, s.created_at) AS covers_from
          FROM follower_settings s
          WHERE ((s.frequency = 'daily' AND ${due.daily}::boolean) OR (s.frequency = 'weekly' AND ${due.weekly}::boolean))
            AND coalesce(s.last_digest_at, s.created_at) < ${now.toISOString()}::timestamptz
            AND EXISTS (SELECT 1 FROM follows f WHERE f.user_id = s.user_id)
        ),
        inserted AS (
          INSERT INTO digests (user_id, period, covers_from, covers_to, claimed_at)
          SELECT user_id, period, covers_from, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz FROM due
          ON CONFLICT DO NOTHING
          RETURNING id
        ),
        retaken AS (
          UPDATE digests SET claimed_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
          WHERE status = 'claimed' AND claimed_at < ${leaseCutoff.toISOString()}::timestamptz
          RETURNING id
        )
        SELECT id FROM inserted UNION ALL SELECT id FROM retaken`,
  );
  return rows.map((row) => row.id);
}

export async function sendDigests(services: Services, options: { now?: Date; concurrency?: number } = {}): Promise<SendDigestsResult> {
  const now = options.now ?? new Date();
  const ids = await claimDigests(services, now);
  const result: SendDigestsResult = { claimed: ids.length, sent: 0, empty: 0, failed: 0 };
  for (let start = 0; start < ids.length; start += digestBatchSize) {
    const batch = ids.slice(start, start + digestBatchSize);
    const rows = await services.db
      .select({ id: digests.id, userId: digests.userId, coversFrom: digests.coversFrom, coversTo: digests.coversTo, email: users.email })
      .from(digests)
      .innerJoin(users, sql`${users.id} = ${digests.userId}`)
      .where(inArray(digests.id, batch));
    const toBuild: DigestToBuild[] = rows.map((row) => ({ digestId: row.id, userId: row.userId, coversFrom: row.coversFrom, coversTo: row.coversTo }));
    const emails = new Map(rows.map((row) => [row.id, row.email]));
    const { built } = await buildDigests(services, toBuild, options);
    for (const digest of built) {
      const itemCount = digest.sections.reduce((sum, section) => sum + sectionItemCount(section), 0);
      const email = emails.get(digest.digestId);
      if (itemCount === 0 || !email || !services.mail) {
        await markSent(services, digest, 0);
        result.empty += 1;
        continue;
      }
      try {
        const token = await makeUnsubscribeToken(services.db, digest.userId, now);
        await services.mail.send(
          digestMessage({ hubUrl: services.mail.hubUrl, to: email, digestId: digest.digestId, coversFrom: digest.coversFrom, sections: digest.sections, unsubscribeToken: token }),
        );
      } catch (error) {
        // Released, so the job's retry (or the next hourly run) takes it again at once.
        await services.db.execute(sql`UPDATE digests SET claimed_at = 'epoch' WHERE id = ${digest.digestId} AND status = 'claimed'`);
        logger('mail').error({ err: error, digest: digest.digestId }, 'could not send a digest; it will be tried again');
        result.failed += 1;
        continue;
      }
      await markSent(services, digest, itemCount);
      result.sent += 1;
    }
  }
  if (ids.length > 0) logger('jobs').info(result, 'digests');
  return result;
}

/** Done: the row is sent and the person's next digest starts where this one ended, together. */
async function markSent(services: Services, digest: DigestToBuild, itemCount: number): Promise<void> {
  await services.db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE digests SET status = 'sent', sent_at = now(), item_count = ${itemCount} WHERE id = ${digest.digestId}`);
    await tx.execute(
      sql`UPDATE follower_settings SET last_digest_at = GREATEST(coalesce(last_digest_at, ${digest.coversTo.toISOString()}::timestamptz), ${digest.coversTo.toISOString()}::timestamptz)
          WHERE user_id = ${digest.userId}`,
    );
  });
}
