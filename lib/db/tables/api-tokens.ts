import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './people';

/** Personal API tokens (lib/api-tokens). Part of lib/db/schema.ts. */

/**
 * A personal API token: a program acting for its person through the JSON API (lib/api/api-viewer.ts).
 * Only the sha256 of the secret is kept: the secret itself is shown once, when it is made, and the
 * hub cannot show it again. The token carries no membership or role of its own: the person's are read
 * live on every request, so a person removed from their council loses that access through their
 * tokens at once. Deleting the person deletes their tokens.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The person's own words for it ("Nightly import from our library"). */
    name: text('name').notNull(),
    /** 'read' | 'read-write' (lib/api-tokens/token-scope.ts). */
    scope: text('scope').notNull(),
    /** Hex sha256 of the whole secret (`dc_…`). The secret is random enough that a slow hash adds nothing. */
    secretHash: text('secret_hash').notNull(),
    /** The first characters of the secret (`dc_ab12`), so a person can tell their tokens apart. */
    secretPrefix: text('secret_prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** At most a year after createdAt (checked in lib/api-tokens and here). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Updated at most once a minute, so a busy program does not write on every request. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('api_tokens_secret_hash_key').on(t.secretHash),
    index('api_tokens_user_idx').on(t.userId),
    check('api_tokens_scope', sql`${t.scope} IN ('read', 'read-write')`),
    check('api_tokens_expiry_within_a_year', sql`${t.expiresAt} > ${t.createdAt} AND ${t.expiresAt} <= ${t.createdAt} + interval '366 days'`),
  ],
);

/**
 * The JSON API's rate limit counters (lib/api/rate-limit.ts): one row per bucket ('token:<id>' or
 * 'address:<network>') and fixed window, counted with one upsert a request. In Postgres, not in the
 * process, so every web instance shares the same count. Short-lived: old windows are deleted as
 * new ones start, and a backup leaves the table out.
 */
export const apiRateLimitWindows = pgTable(
  'api_rate_limit_windows',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('api_rate_limit_windows_start_idx').on(t.windowStart)],
);
