import { sql } from 'drizzle-orm';
import {
  bigint,
  primaryKey,
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
    /**
     * Who may see it: 'public' (anyone), 'councils' (any signed-in member of any organisation) or
     * 'organisation' (members of the owning organisation only). See lib/auth/permissions.ts.
     */
    visibility: text('visibility').notNull().default('public'),
    /** 'published' | 'withdrawn'. Withdrawn materials leave search and lists and can be restored. */
    status: text('status').notNull().default('published'),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Who shared it; null for the starter kit and imports. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Set for the starter kit the hub writes itself, so seeding twice never duplicates. */
    seedKey: text('seed_key'),
    /**
     * Maintained by the materials_search_vector trigger: title A, summary B, tags/topics/council C,
     * and the latest version's extracted text D.
     */
    searchVector: tsvector('search_vector'),
    /** Set when the latest version's text is stored, so the trigger above folds it into the vector. */
    textIndexedAt: timestamp('text_indexed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('materials_seed_key_key').on(t.seedKey),
    index('materials_search_vector_idx').using('gin', t.searchVector),
    index('materials_phases_idx').using('gin', t.phases),
    index('materials_topics_idx').using('gin', t.topics),
    index('materials_created_at_idx').on(t.createdAt),
    index('materials_organisation_id_idx').on(t.organisationId),
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
  },
  (t) => [
    uniqueIndex('material_versions_material_version_key').on(t.materialId, t.versionNumber),
    uniqueIndex('material_versions_storage_key_key').on(t.storageKey),
    index('material_versions_sha256_idx').on(t.sha256),
    index('material_versions_text_status_idx').on(t.textStatus),
  ],
);

/**
 * Changes the Meilisearch index has not yet caught up with. Rows are written by database triggers
 * (drizzle/0003_…), so every change to a material or its council's name lands here in the same
 * transaction as the change itself; the search-index job drains them (lib/search/meilisearch).
 */
export const searchOutbox = pgTable('search_outbox', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  materialId: uuid('material_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

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

// ---- People, sign-in and organisation membership ---------------------------------------------------

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
