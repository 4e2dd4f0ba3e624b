import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { projects } from './projects';
import { users } from './people';
import { artefactTypes, kinds, licences } from './vocabularies';

/** Materials, their file versions, and what search and uploads in progress keep about them. Part of lib/db/schema.ts. */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

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
    /**
     * The project it belongs to (lib/projects), if any: one of its council's projects. Deleting the
     * project keeps the material; it just loses the link (audited, lib/projects/delete-project.ts).
     */
    projectId: uuid('project_id').references((): AnyPgColumn => projects.id, { onDelete: 'set null' }),
    /** Where an imported document was first published, shown with its licence. */
    sourceUrl: text('source_url'),
    /** Attribution statement required by the licence, e.g. "© Crown copyright, Government Digital Service". */
    attribution: text('attribution'),
    /**
     * Who may see it: 'public' (anyone), 'councils' (any signed-in member of any organisation) or
     * 'organisation' (members of the owning organisation only). See lib/auth/permissions.ts.
     */
    visibility: text('visibility').notNull().default('public'),
    /**
     * 'draft' | 'published' | 'withdrawn'. A draft (every upload, until the uploader has seen its check
     * and published it) and a withdrawn material are seen only by the owning organisation and site
     * admins, never in search or lists (lib/auth/permissions.ts). Withdrawn materials can be restored.
     */
    status: text('status').notNull().default('published'),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Who shared it; null for the starter kit and imports. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /**
     * The material this one was adapted from ("Adapt this for my council", lib/adapt). Kept when the
     * source is withdrawn; cleared if the source is deleted for good, so the adaptation stands alone.
     */
    adaptedFromMaterialId: uuid('adapted_from_material_id').references((): AnyPgColumn => materials.id, { onDelete: 'set null' }),
    /** Set for the starter kit the hub writes itself, so seeding twice never duplicates. */
    seedKey: text('seed_key'),
    /**
     * Maintained by the materials_search_vector trigger: title A, summary B, tags/topics/council C,
     * and the latest version's extracted text D.
     */
    searchVector: tsvector('search_vector'),
    /**
     * The same trigger's title A, summary B and tags/topics/council C, without the file's text: small
     * enough never to be compressed out of the row, so the Postgres engine can rank many matches by it
     * cheaply and re-rank only the best few by the whole vector (lib/search/postgres/two-stage-hits.ts).
     */
    searchHead: tsvector('search_head'),
    /** Set when the latest version's text is stored, so the trigger above folds it into the vector. */
    textIndexedAt: timestamp('text_indexed_at', { withTimezone: true }),
    /**
     * When it was first published, set by the materials_first_published trigger (drizzle/0013) whichever
     * way it is published. Digests and "new since" ask search for materials published in a period.
     */
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('materials_seed_key_key').on(t.seedKey),
    index('materials_first_published_at_idx').on(t.firstPublishedAt),
    index('materials_search_vector_idx').using('gin', t.searchVector),
    index('materials_search_head_idx').using('gin', t.searchHead),
    // A fixed, even spread of materials over 256 buckets (a byte of the random id), so search can count
    // a sample of a very large result instead of all of it (lib/search/postgres/sampling.ts).
    index('materials_search_sample_idx').using('btree', sql`(get_byte(uuid_send(${t.id}), 15))`),
    index('materials_phases_idx').using('gin', t.phases),
    index('materials_topics_idx').using('gin', t.topics),
    index('materials_created_at_idx').on(t.createdAt),
    index('materials_organisation_id_idx').on(t.organisationId),
    index('materials_project_id_idx').on(t.projectId),
    index('materials_adapted_from_idx').on(t.adaptedFromMaterialId),
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
    /** A short format code from lib/formats/file-formats.ts: pdf, docx, md, … */
    format: text('format').notNull(),
    /** The content type the server chose for this format; served on download. */
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Server-generated; never derived from the file name. */
    storageKey: text('storage_key').notNull(),
    changeNote: text('change_note'),
    /**
     * Text extraction, done in the background by the extract-text job (lib/jobs):
     * 'pending' (waiting), 'extracting', 'done', 'no_text' (read, nothing to index), 'unsupported'
     * (a format we do not read) or 'failed' (textFailure says why, in words fit for the uploader).
     */
    textStatus: text('text_status').notNull().default('pending'),
    /** The extracted text, normalised, at most 2 MB. Inherits the material's permissions. */
    textContent: text('text_content'),
    textTruncated: boolean('text_truncated').notNull().default(false),
    /** Characters in textContent, so pages can say when search looks at only part of a long file. */
    textLength: integer('text_length'),
    textFailure: text('text_failure'),
    textUpdatedAt: timestamp('text_updated_at', { withTimezone: true }),
    pageCount: integer('page_count'),
    slideCount: integer('slide_count'),
    sheetCount: integer('sheet_count'),
    /** Who uploaded this version; null for the starter kit and imports. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The check before publishing (lib/checks via lib/file-checks): 'pending', 'checking', 'checked',
     * 'not-checked' (a format not checked), 'failed' (damaged, too big or too slow: checkMessage says
     * why) or 'skipped' (the hub's own starter kit). checkReport holds the findings, masked; it
     * describes unpublished material and is shown only to the owning organisation and site admins.
     */
    checkStatus: text('check_status').notNull().default('pending'),
    checkReport: jsonb('check_report'),
    checkMessage: text('check_message'),
    /** Set when the whole file is not the format its first bytes claim: it can never be published. */
    formatProblem: text('format_problem'),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    /**
     * When this version was first published. A version never published (a draft replaced before
     * publishing, or the original of a cleaned file) is seen only by the owning organisation.
     */
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('material_versions_check_status_idx').on(t.checkStatus),
    uniqueIndex('material_versions_material_version_key').on(t.materialId, t.versionNumber),
    uniqueIndex('material_versions_storage_key_key').on(t.storageKey),
    index('material_versions_sha256_idx').on(t.sha256),
    index('material_versions_text_status_idx').on(t.textStatus),
  ],
);

/**
 * Changes the Meilisearch indexes have not yet caught up with. Rows are written by database triggers
 * (drizzle/0004_…, and 0020_… for projects), so every change to a material, a project, a project's
 * partners or a council's name lands here in the same transaction as the change itself; the
 * search-index job drains them (lib/search/meilisearch). Each row names a material or a project.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    materialId: uuid('material_id'),
    projectId: uuid('project_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('search_outbox_one_subject', sql`(${t.materialId} IS NULL) <> (${t.projectId} IS NULL)`)],
);

/**
 * For each word (an English stem) of each material's title, summary and tags: how well that word
 * alone ranks the material (ts_rank_cd over search_head, with lib/search/postgres/ranking.ts's
 * weights). Kept by the materials_search_terms trigger (drizzle/0025) whenever search_head changes,
 * and derived, so never backed up. Ordered by score, it hands the Postgres engine the best few hundred
 * materials for a common word straight from an index, instead of ranking the tens of thousands whose
 * titles have it (lib/search/postgres/two-stage-hits.ts).
 */
export const searchTerms = pgTable(
  'search_terms',
  {
    lexeme: text('lexeme').notNull(),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.materialId, t.lexeme] }), index('search_terms_best_idx').on(t.lexeme, t.score.desc(), t.materialId)],
);

/**
 * Every distinct word (lower-cased, unstemmed) seen in materials' titles, summaries, tags and text:
 * what the built-in engine corrects typos against and draws "did you mean" suggestions from. Filled
 * by the search-vector trigger. A suggestion is only ever shown if it finds something the person
 * may see, so words from private materials never surface on their own.
 */
export const searchWords = pgTable(
  'search_words',
  { word: text('word').primaryKey() },
  (t) => [index('search_words_word_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
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
