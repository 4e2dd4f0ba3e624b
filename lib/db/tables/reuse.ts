import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { materials } from './materials';
import { organisations } from './organisations';
import { users } from './people';

/** "We used this" and download counts (lib/reuse). Part of lib/db/schema.ts. */

/**
 * A council's record that it used a material, with an optional short note on how. One per council
 * per material: recording again changes the note. Any member of the council may withdraw it.
 */
export const materialUses = pgTable(
  'material_uses',
  {
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** The member who recorded it last. */
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.materialId, t.organisationId] }), index('material_uses_organisation_idx').on(t.organisationId)],
);

/** How many times a material was downloaded on each UTC day (each viewer counted once a day). */
export const materialDownloadDays = pgTable(
  'material_download_days',
  {
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    downloads: integer('downloads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.materialId, t.day] })],
);

/**
 * Who has already been counted today, so a viewer counts once per material per day: a user's id, or
 * for someone signed out a keyed hash of their network address, the day and the material (the key is
 * the server's secret, so the hash cannot be turned back into an address). Rows older than two days
 * are deleted as new ones are written.
 */
export const materialDownloadViewers = pgTable(
  'material_download_viewers',
  {
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    /** 'user:<id>' or 'anon:<hmac>'. */
    viewerKey: text('viewer_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.materialId, t.day, t.viewerKey] }), index('material_download_viewers_day_idx').on(t.day)],
);
