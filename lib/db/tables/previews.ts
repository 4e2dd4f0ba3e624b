import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { materialVersions } from './materials';

/** Previews of file versions (lib/material-previews). Part of lib/db/schema.ts. */

/**
 * One preview per file version, made in the background by the make-preview job from lib/previews.
 * The row is written 'pending' in the same transaction as its version (lib/materials/insert-version.ts),
 * so a crash before the job is queued loses nothing: the worker's sweep queues every pending row.
 *
 * status: 'pending' (waiting), 'making', 'ready', 'unsupported' (a format we do not preview) or
 * 'failed' (message says why, in words fit for anyone who may see the material).
 * The pictures are in the blob store under server-made keys (`previews/<versionId>/…`), every one of
 * them listed in storage_keys, so deleting, verifying and re-making never have to guess.
 * Inherits the material's permissions (SECURITY.md rule 9): served only through lib/material-previews.
 */
export const filePreviews = pgTable(
  'file_previews',
  {
    versionId: uuid('version_id')
      .primaryKey()
      .references(() => materialVersions.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('pending'),
    /** When ready: 'pages' | 'html' | 'sheets' | 'outline' | 'image' (lib/previews). */
    kind: text('kind'),
    /** Failed or unsupported: the library's plain sentence. */
    message: text('message'),
    /** Ready: what was left out ("Showing the first 10 of 250 pages."), if anything. */
    notice: text('notice'),
    /** Pages or slides in the whole document (not only those drawn), when known. */
    pageCount: integer('page_count'),
    /** The structured part: page keys with their text, the HTML, sheets, outline (see preview-content.ts). */
    content: jsonb('content'),
    /** The small picture for lists, when the preview has a visual. */
    thumbnailKey: text('thumbnail_key'),
    /** Every stored picture of this preview, thumbnail included. */
    storageKeys: text('storage_keys').array().notNull().default([]),
    /** Attempts that could not read the stored file (storage trouble), for the logs. */
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('file_previews_status_idx').on(t.status)],
);
