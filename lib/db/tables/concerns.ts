import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { materials } from './materials';
import { organisations } from './organisations';
import { users } from './people';

/**
 * A concern someone signed in raised about a material (personal data, licence, broken file, other).
 * The owning organisation's admins and site admins decide it; the reporter is told the outcome. The
 * reporter's identity is shown only to site admins (lib/auth/permissions.ts, canSeeReporter).
 */
export const concernReports = pgTable(
  'concern_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    /** The material's organisation when reported: whose admins see it. Null: site admins only. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    reporterUserId: uuid('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** 'personal-data' | 'licence' | 'broken-file' | 'other'. */
    reason: text('reason').notNull(),
    details: text('details').notNull().default(''),
    /** 'open' | 'hidden' (material withdrawn) | 'fix-requested' | 'dismissed'. */
    status: text('status').notNull().default('open'),
    /** What the deciding admin wrote: told to the reporter (and the uploader when asked to fix). */
    outcomeNote: text('outcome_note'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('concern_reports_organisation_id_idx').on(t.organisationId, t.status),
    index('concern_reports_reporter_idx').on(t.reporterUserId, t.createdAt),
  ],
);
