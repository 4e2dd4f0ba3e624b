import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { materials } from './materials';
import { organisations } from './organisations';
import { users } from './people';

/** Discovery kits: titled, ordered lists of materials from any councils (lib/kits). Part of lib/db/schema.ts. */

/**
 * A kit, made by a member on behalf of their council (its members change it), or by the hub itself
 * (the starter kits: no council, no person, a seed key so seeding twice adds nothing). Seen through the
 * same visibility rule as materials (lib/auth/permissions/kits.ts).
 */
export const kits = pgTable(
  'kits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The same three levels as materials: 'public' | 'councils' | 'organisation'. */
    visibility: text('visibility').notNull().default('public'),
    /** The council whose members change it; null for the hub's own starter kits. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** For starter kits only (lib/kits/seed-starter-kits.ts). */
    seedKey: text('seed_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kits_organisation_idx').on(t.organisationId), uniqueIndex('kits_seed_key_key').on(t.seedKey)],
);

/**
 * A material in a kit, in order, with the kit maker's note on why it is there. The material is
 * referenced, never copied: who may see it is decided by the material, every time the kit is read.
 * Positions are kept in order but need not be consecutive (removing an item leaves a gap).
 */
export const kitItems = pgTable(
  'kit_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kitId: uuid('kit_id')
      .notNull()
      .references(() => kits.id, { onDelete: 'cascade' }),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    note: text('note').notNull().default(''),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('kit_items_kit_idx').on(t.kitId, t.position), uniqueIndex('kit_items_material_key').on(t.kitId, t.materialId), index('kit_items_material_idx').on(t.materialId)],
);
