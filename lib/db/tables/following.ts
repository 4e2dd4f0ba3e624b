import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './people';

/** Following councils, service areas and searches, and the email digests about them (lib/following). Part of lib/db/schema.ts. */

/**
 * What a person follows: a kind and a target, so new kinds slot in without a new table.
 *   'council'  target = the organisation's id
 *   'topic'    target = the service area's slug (topics.csv)
 *   'search'   target = the search's validated query string (lib/following/saved-search.ts), with a name
 *   'project'  target = the project's id
 * "A project like yours" is not a kind: it comes with any digest, for members of a council
 * (lib/following/find-similar-projects.ts). Each kind's check lives in lib/following/follow-targets.ts.
 */
export const follows = pgTable(
  'follows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    target: text('target').notNull(),
    /** The name a person gave a saved search; null for the other kinds (their name is read live). */
    name: text('name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('follows_user_kind_target_key').on(t.userId, t.kind, t.target), index('follows_kind_target_idx').on(t.kind, t.target)],
);

/**
 * Per person: how often their digest comes, when the last one covered up to, and when they last looked
 * at their followed things on the hub ("new since your last visit"). A row is made on first follow.
 */
export const followerSettings = pgTable(
  'follower_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'daily' | 'weekly' | 'off'. */
    frequency: text('frequency').notNull().default('weekly'),
    /** The end of the period the last digest covered: the next one starts here, so nothing is skipped. */
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    /** When they last opened "What you follow"; what is new is counted from here. */
    lastVisitAt: timestamp('last_visit_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('follower_settings_frequency', sql`${t.frequency} IN ('daily', 'weekly', 'off')`)],
);

/**
 * One row per person per period ('2026-12-03' for a daily digest, '2026-W49' for a weekly one), so a
 * retried or doubled job finds the row and never sends a period twice:
 *   claimed → (built and sent) → sent
 * A claimed row whose job died is claimed again after its lease (lib/following/send-digests.ts).
 * `covers_from` / `covers_to` are fixed when claimed, so a retry builds the same period.
 */
export const digests = pgTable(
  'digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    coversFrom: timestamp('covers_from', { withTimezone: true }).notNull(),
    coversTo: timestamp('covers_to', { withTimezone: true }).notNull(),
    /** 'claimed' | 'sent'. */
    status: text('status').notNull().default('claimed'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(1),
    /** How many things it listed (0: nothing new, no email was sent). */
    itemCount: integer('item_count'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('digests_user_period_key').on(t.userId, t.period),
    index('digests_status_idx').on(t.status),
    check('digests_status', sql`${t.status} IN ('claimed', 'sent')`),
  ],
);

/**
 * One-click unsubscribe links (RFC 8058). Only the SHA-256 of the token is kept, so a copy of the
 * database cannot unsubscribe anyone; each works once and expires.
 */
export const unsubscribeTokens = pgTable(
  'unsubscribe_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('unsubscribe_tokens_hash_key').on(t.tokenHash), index('unsubscribe_tokens_expires_idx').on(t.expiresAt)],
);
