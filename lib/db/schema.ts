import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One schema for both drivers (PGlite and Postgres through `pg`).
 * Migrations in drizzle/ are generated from this file with `npm run db:generate`;
 * the search trigger lives in a hand-written migration beside them.
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// ---- Vocabularies (loaded from lib/taxonomy/data/*.csv at start) --------------------------------

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

// ---- Organisations -----------------------------------------------------------------------------

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** 'council' for the UK local authorities, 'public-body' for others an admin adds. */
    type: text('type').notNull().default('council'),
    gssCode: text('gss_code'),
    /** 'county' | 'district' | 'unitary' for councils. */
    tier: text('tier'),
    country: text('country'),
    homepageUrl: text('homepage_url'),
    /** Email domains whose verified addresses join this organisation. A first guess; admins change it. */
    emailDomains: text('email_domains').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisations_slug_key').on(t.slug), uniqueIndex('organisations_gss_code_key').on(t.gssCode)],
);

// ---- Materials and their files ------------------------------------------------------------------

export const materials = pgTable(
  'materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    phases: text('phases').array().notNull().default(sql`'{}'::text[]`),
    artefactType: text('artefact_type')
      .notNull()
      .references(() => artefactTypes.slug),
    kind: text('kind')
      .notNull()
      .references(() => kinds.slug),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    licence: text('licence')
      .notNull()
      .references(() => licences.spdx),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** Where an imported document was first published, shown with its licence. */
    sourceUrl: text('source_url'),
    /** Attribution statement required by the licence, e.g. "© Crown copyright, Government Digital Service". */
    attribution: text('attribution'),
    /** 'public' until accounts arrive; kept now so search filters on it from the start. */
    visibility: text('visibility').notNull().default('public'),
    /** 'published' | 'withdrawn'. */
    status: text('status').notNull().default('published'),
    /** Set for the starter kit the hub writes itself, so seeding twice never duplicates. */
    seedKey: text('seed_key'),
    /** Maintained by the materials_search_vector trigger: title A, summary B, tags/topics/council C. */
    searchVector: tsvector('search_vector'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('materials_seed_key_key').on(t.seedKey),
    index('materials_search_vector_idx').using('gin', t.searchVector),
    index('materials_phases_idx').using('gin', t.phases),
    index('materials_topics_idx').using('gin', t.topics),
    index('materials_created_at_idx').on(t.createdAt),
  ],
);

export const materialVersions = pgTable(
  'material_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    /** The name the file had on the uploader's computer, cleaned for display. Never used as a key. */
    fileName: text('file_name').notNull(),
    /** A short format code from lib/materials/formats.ts: pdf, docx, md, … */
    format: text('format').notNull(),
    /** The content type the server chose for this format; served on download. */
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Server-generated; never derived from the file name. */
    storageKey: text('storage_key').notNull(),
    changeNote: text('change_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('material_versions_material_version_key').on(t.materialId, t.versionNumber),
    uniqueIndex('material_versions_storage_key_key').on(t.storageKey),
    index('material_versions_sha256_idx').on(t.sha256),
  ],
);

/**
 * A storage key is written here (and committed) before any byte is stored, and removed in the same
 * transaction that creates the material's row. A key left here for long means a crash between the two:
 * the sweeper deletes the object, so no file outlives a failed upload.
 */
export const pendingUploads = pgTable('pending_uploads', {
  storageKey: text('storage_key').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What a person typed into the upload form when it was refused, so the form can be shown again with
 * their answers and the errors (the form posts without JavaScript, to a route handler that redirects).
 */
export const uploadAttempts = pgTable('upload_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  values: jsonb('values').notNull(),
  errors: jsonb('errors').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
