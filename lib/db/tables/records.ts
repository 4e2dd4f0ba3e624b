import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { users } from './people';

/** What the hub keeps about things people did: audit events, refused form answers, feedback. Part of lib/db/schema.ts. */

/**
 * What a person typed into a form when it was refused, so the form can be shown again with their
 * answers and the errors (forms post without JavaScript to route handlers that redirect back).
 * See lib/forms/form-attempts.ts.
 */
export const formAttempts = pgTable('form_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  values: jsonb('values').notNull(),
  errors: jsonb('errors').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every change: who, what, when, before and after. organisationId is the organisation the change
 * concerns, so its admins can read their own log.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The actor as shown in the log ("Sam Jones, Bristol City Council" or "system"), kept if the user goes. */
    actorLabel: text('actor_label').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_organisation_id_idx').on(t.organisationId, t.createdAt), index('audit_events_subject_idx').on(t.subjectType, t.subjectId)],
);

/**
 * A member of an organisation with no organisation admin asking to become its first one. Site admins
 * approve or refuse these from their queue (/admin/requests), with the evidence beside each.
 */
export const adminRequests = pgTable(
  'admin_requests',
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
  (t) => [index('admin_requests_status_idx').on(t.status, t.createdAt), index('admin_requests_user_id_idx').on(t.userId)],
);

/**
 * A message sent to an organisation's admins through its page's contact form. Kept so that sending can
 * be rate-limited per sender and so nothing is lost if email fails; the sender's address is never shown
 * on a page (it goes only into the email's Reply-To).
 */
export const contactMessages = pgTable(
  'contact_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id').references(() => users.id, { onDelete: 'set null' }),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_messages_sender_idx').on(t.senderId, t.createdAt)],
);

/**
 * What people write on the feedback page (/feedback), read by site admins at /admin/feedback. The
 * network address is kept only as a one-way code, to limit how much one network can send.
 */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    message: text('message').notNull(),
    /** Given only by those who want a reply. */
    replyEmail: text('reply_email'),
    /** sha256 of the network address (IPv6: its /64), or null when there was none. */
    networkHash: text('network_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('feedback_created_at_idx').on(t.createdAt), index('feedback_network_hash_idx').on(t.networkHash, t.createdAt)],
);
