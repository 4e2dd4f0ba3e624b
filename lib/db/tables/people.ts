import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

/** People, sign-in, and how they join and run organisations. Part of lib/db/schema.ts. */

/**
 * A person who has signed in. Membership is one organisation at most, with a role in it; site admins
 * may do everything. Read live on every request (lib/auth/viewer.ts), never trusted from a token.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lower-cased. Never shown to people outside the user's own organisation. */
    email: text('email').notNull(),
    name: text('name'),
    emailVerified: timestamp('email_verified', { withTimezone: true }),
    image: text('image'),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    /** 'member' | 'org_admin', within organisationId. */
    role: text('role').notNull().default('member'),
    isSiteAdmin: boolean('is_site_admin').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_organisation_id_idx').on(t.organisationId)],
);

/** Sign-in accounts linked to a user (Microsoft Entra ID); the shape next-auth's adapter expects. */
export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refreshToken: text('refresh_token'),
    accessToken: text('access_token'),
    expiresAt: integer('expires_at'),
    tokenType: text('token_type'),
    scope: text('scope'),
    idToken: text('id_token'),
    sessionState: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

/** Database sessions: they survive restarts, and signing out or removing a user ends them at once. */
export const sessions = pgTable('sessions', {
  sessionToken: text('session_token').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expires: timestamp('expires', { withTimezone: true }).notNull(),
});

/** One-time email sign-in links (stored hashed by next-auth). */
export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Email sign-in requests, counted to rate-limit them by address and by network address. */
export const signInRequests = pgTable(
  'sign_in_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** sha256 of the lower-cased address: the limit needs equality, not the address itself. */
    emailHash: text('email_hash').notNull(),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_requests_email_hash_idx').on(t.emailHash, t.createdAt), index('sign_in_requests_ip_idx').on(t.ip, t.createdAt)],
);

/** Someone asking to join an organisation whose email domain they are not on. */
export const joinRequests = pgTable(
  'join_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    message: text('message').notNull().default(''),
    /** 'pending' | 'approved' | 'refused' | 'cancelled'. */
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('join_requests_organisation_id_idx').on(t.organisationId, t.status)],
);
