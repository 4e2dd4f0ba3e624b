import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { materials } from './materials';
import { organisations } from './organisations';
import { users } from './people';

/** Councils' projects, their partner councils, their updates and the reminders sent (lib/projects). Part of lib/db/schema.ts. */

/** A link a project or an update points to (a blog post, a prototype, code): http or https only. */
export interface ProjectLink {
  title: string;
  url: string;
}

/**
 * A council's project, as on LocalGov Digital's Pipeline: what it is, which services it touches, where
 * it is (phase), when, how open it is to working with others, how it is paid for and who to ask. Seen
 * through the same visibility rule as materials (lib/auth/permissions/projects.ts); accepted partner
 * councils' members see it too, even at 'organisation'. Its "last updated" is worked out when read,
 * from its latest update (or its registration), never stored.
 */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    summary: text('summary').notNull(),
    /** Service areas: the hub's topics (slugs) and LGSL codes. */
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    lgslCodes: integer('lgsl_codes').array().notNull().default(sql`'{}'::integer[]`),
    /** 'idea' | 'discovery' | 'alpha' | 'beta' | 'live' | 'retired' (lib/projects/project-words.ts). */
    phase: text('phase').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    startEstimated: boolean('start_estimated').notNull().default(false),
    expectedEndOn: date('expected_end_on', { mode: 'string' }),
    endEstimated: boolean('end_estimated').notNull().default(false),
    /** Any of 'sharing' | 'conversation' | 'partners' | 'co-funding' (lib/projects/project-words.ts). */
    collaboration: text('collaboration').array().notNull().default(sql`'{}'::text[]`),
    /** One of the common sources (lib/projects/project-words.ts) or null; `fundingDetail` is free text. */
    fundingSource: text('funding_source'),
    fundingDetail: text('funding_detail').notNull().default(''),
    links: jsonb('links').$type<ProjectLink[]>().notNull().default(sql`'[]'::jsonb`),
    /** The named contact: a member of the council. Name and council shown to all; email only to signed-in council members. */
    contactUserId: uuid('contact_user_id').references(() => users.id, { onDelete: 'set null' }),
    visibility: text('visibility').notNull().default('public'),
    /** 'active' | 'paused' | 'finished': paused and finished are set by the council's admins. */
    status: text('status').notNull().default('active'),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_organisation_idx').on(t.organisationId),
    index('projects_topics_idx').using('gin', t.topics),
    check('projects_phase_known', sql`${t.phase} IN ('idea', 'discovery', 'alpha', 'beta', 'live', 'retired')`),
    check('projects_status_known', sql`${t.status} IN ('active', 'paused', 'finished')`),
    check('projects_end_after_start', sql`${t.expectedEndOn} IS NULL OR ${t.expectedEndOn} >= ${t.startOn}`),
  ],
);

/**
 * A council invited to work on a project. Once accepted, its members see the project (whatever its
 * visibility) and may post updates to it. Declining deletes the row (the audit log keeps it).
 */
export const projectPartners = pgTable(
  'project_partners',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organisationId] }), index('project_partners_organisation_idx').on(t.organisationId)],
);

/** A dated, weeknote-style update: text, links, materials, and optionally the phase the project moved to. */
export const projectUpdates = pgTable(
  'project_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The council the author posted as (the project's own or an accepted partner). */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    postedBy: uuid('posted_by').references(() => users.id, { onDelete: 'set null' }),
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    body: text('body').notNull(),
    links: jsonb('links').$type<ProjectLink[]>().notNull().default(sql`'[]'::jsonb`),
    /** Set when this update moved the project's phase: from and to. */
    phaseFrom: text('phase_from'),
    phaseTo: text('phase_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_updates_project_idx').on(t.projectId, t.createdAt)],
);

/** Materials attached to an update. Shown only to viewers who may see the material. */
export const projectUpdateMaterials = pgTable(
  'project_update_materials',
  {
    updateId: uuid('update_id')
      .notNull()
      .references(() => projectUpdates.id, { onDelete: 'cascade' }),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.materialId] })],
);

/**
 * "No update for 90 days" reminders already sent to a project's contact: '90-days' and '180-days'.
 * Written in the transaction that decides to send, the email after commit (as commitment_reminders),
 * so a second run never sends twice. Posting an update forgets them, so the next quiet spell is
 * reminded of too.
 */
export const projectReminders = pgTable(
  'project_reminders',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    reminder: text('reminder').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.reminder] })],
);
