import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { materials } from './materials';
import { organisations } from './organisations';
import { users } from './people';
import { projects } from './projects';
import { phases } from './vocabularies';

/** Public commitments a council makes, their evidence and the reminders sent (lib/commitments). Part of lib/db/schema.ts. */

/**
 * "We will share our Discovery materials by March": what a council said it will do, by when, and what
 * will count as evidence. Its status is never stored: planned, in progress (evidence attached), kept
 * (confirmed_at set) or overdue (the date has passed and it is not kept) is worked out when it is
 * read (lib/commitments/commitment-status.ts), so it never goes stale.
 */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** 'share-materials' | 'blog-post' | 'list-projects' | 'other' (lib/commitments/commitment-kinds.ts). */
    kind: text('kind').notNull(),
    /** For 'share-materials' only: the phase whose materials will be shared. */
    phase: text('phase').references(() => phases.slug),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** What will count as evidence that it was kept, in the council's words. */
    evidenceExpected: text('evidence_expected').notNull(),
    /** The same three levels as materials, through the same rule (lib/auth/permissions.ts). */
    visibility: text('visibility').notNull().default('public'),
    /** Who is reminded of the date: a member of the council, the recorder unless they chose another. */
    contactUserId: uuid('contact_user_id').references(() => users.id, { onDelete: 'set null' }),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('commitments_organisation_idx').on(t.organisationId), index('commitments_due_on_idx').on(t.dueOn)],
);

/**
 * What shows a commitment was kept: one of the council's published materials, one of its projects (or
 * one it is an accepted partner in), or a link (http or https, with a title). Exactly one of the three
 * per row (the check below). A material or project deleted for good takes its evidence row with it
 * (lib/projects/delete-project.ts first removes it itself, so the commitment's history says so).
 */
export const commitmentEvidence = pgTable(
  'commitment_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    materialId: uuid('material_id').references(() => materials.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    url: text('url'),
    title: text('title'),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('commitment_evidence_commitment_idx').on(t.commitmentId),
    uniqueIndex('commitment_evidence_material_key').on(t.commitmentId, t.materialId),
    uniqueIndex('commitment_evidence_project_key').on(t.commitmentId, t.projectId),
    // Deleting a project finds its evidence rows through this.
    index('commitment_evidence_project_idx').on(t.projectId),
    check(
      'commitment_evidence_one_kind',
      sql`(${t.materialId} IS NOT NULL AND ${t.projectId} IS NULL AND ${t.url} IS NULL AND ${t.title} IS NULL)
       OR (${t.projectId} IS NOT NULL AND ${t.materialId} IS NULL AND ${t.url} IS NULL AND ${t.title} IS NULL)
       OR (${t.materialId} IS NULL AND ${t.projectId} IS NULL AND ${t.url} IS NOT NULL AND ${t.title} IS NOT NULL)`,
    ),
  ],
);

/**
 * Reminders already sent to a commitment's contact: 'two-weeks-before' and 'on-the-day'. The row is
 * written in the same transaction that decides to send, and the email goes after it commits, so a crash
 * or a second run never sends one twice (at worst, a crash between commit and sending loses one).
 * Changing the date deletes the rows, so the new date is reminded of too.
 */
export const commitmentReminders = pgTable(
  'commitment_reminders',
  {
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    reminder: text('reminder').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.reminder] })],
);
