import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** The vocabularies materials are tagged with, loaded from lib/taxonomy/data/*.csv at start. Part of lib/db/schema.ts. */

export const phases = pgTable('phases', {
  slug: text('slug').primaryKey(),
  label: text('label').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull(),
});

export const artefactTypes = pgTable('artefact_types', {
  slug: text('slug').primaryKey(),
  label: text('label').notNull(),
  description: text('description').notNull(),
  typicalPhases: text('typical_phases').array().notNull().default(sql`'{}'::text[]`),
  position: integer('position').notNull(),
});

export const kinds = pgTable('kinds', {
  slug: text('slug').primaryKey(),
  label: text('label').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull(),
});

export const topics = pgTable('topics', {
  slug: text('slug').primaryKey(),
  label: text('label').notNull(),
  lgslCodes: integer('lgsl_codes').array().notNull().default(sql`'{}'::integer[]`),
  position: integer('position').notNull(),
});

export const licences = pgTable('licences', {
  spdx: text('spdx').primaryKey(),
  label: text('label').notNull(),
  url: text('url').notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  position: integer('position').notNull(),
});
