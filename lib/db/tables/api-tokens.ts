import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
