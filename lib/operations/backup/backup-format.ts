import 'server-only';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The shape of a backup folder, shared by `npm run backup` and `npm run restore`:
 *
 *   manifest.json          written last: a folder without one is not a backup
 *   tables/NN-<table>.jsonl one row a line, as Postgres's own to_jsonb gives it (timestamps with their
 *                          offset and microseconds, arrays, jsonb and bytea all survive the round trip,
 *                          because jsonb_populate_recordset reads them back on restore)
 *   objects.jsonl          one stored file a line: key, size, sha256, content type
 *   files/<storage key>    the stored files themselves
 *
 * The manifest holds the sha256 of every data file, and objects.jsonl the sha256 of every stored
 * file, so a restore can prove the folder is whole before it writes anything. This guards against
 * damage, not against someone who rewrites the manifest too: keep backups where only operators write.
 */

export const backupFormatVersion = 1;

/**
 * The tables a backup holds, parents before children (foreign-key order), and the columns left out:
 * materials.search_vector and search_head (derived from the rows, rebuilt on restore) and accounts' sign-in tokens
 * (the hub never stores them; this makes sure of it). The tables left out are in tablesLeftOut, each
 * with its reason; every other table of the hub must be here (backup-format.test.ts and the round trip
 * in backup-restore.integration.test.ts fail otherwise, and the round trip's sample hub must put a
 * row in it). Also not in a backup: the pgboss schema (jobs), because the worker's sweep queues again
 * every version whose text or check is unfinished, as it does after any restart.
 * Stored files: material versions' files (lib/materials/store-file.ts is their one writer) and their
 * alternative formats (lib/material-alternatives), so objects.jsonl lists one file per version and
 * one per alternative. Preview pictures under previews/ are not copied (see file_previews below).
 */
export const backedUpTables: readonly { name: string; leaveOut?: readonly string[] }[] = [
  { name: 'phases' },
  { name: 'artefact_types' },
  { name: 'kinds' },
  { name: 'topics' },
  { name: 'licences' },
  { name: 'organisations' },
  { name: 'users' },
  { name: 'accounts', leaveOut: ['access_token', 'refresh_token', 'id_token'] },
  // Personal API tokens with their hashes: a restored hub keeps every token working (unless revoked or
  // expired), so programs at councils do not all break at once. The secrets themselves were never stored.
  { name: 'api_tokens' },
  { name: 'join_requests' },
  { name: 'admin_requests' },
  { name: 'contact_messages' },
  { name: 'projects' },
  { name: 'project_partners' },
  { name: 'materials', leaveOut: ['search_vector', 'search_head'] },
  { name: 'material_versions' },
  { name: 'material_version_alternatives' },
  { name: 'material_uses' },
  { name: 'material_download_days' },
  { name: 'project_updates' },
  { name: 'project_update_materials' },
  { name: 'project_reminders' },
  { name: 'commitments' },
  { name: 'commitment_evidence' },
  // Kept so that a restored hub does not remind a contact a second time.
  { name: 'commitment_reminders' },
  { name: 'follows' },
  { name: 'follower_settings' },
  // Kept so that a restored hub does not send a period's digest a second time.
  { name: 'digests' },
  // Only hashes: links in emails already sent keep working after a restore.
  { name: 'unsubscribe_tokens' },
  { name: 'kits' },
  { name: 'kit_items' },
  { name: 'concern_reports' },
  { name: 'audit_events' },
  { name: 'feedback' },
];

/**
 * The tables a backup leaves out on purpose, each with why: nothing in them is hub data that cannot be
 * made again or done without. A new table goes either in backedUpTables or here, with its reason.
 */
export const tablesLeftOut: Readonly<Record<string, string>> = {
  sessions: 'short-lived sign-ins: after a restore everyone signs in again (stored as hashes anyway)',
  verification_tokens: 'unused email sign-in links, short-lived: people ask for a new one',
  sign_in_requests: 'rate-limit counts for sign-in links, short-lived',
  form_attempts: 'answers of a refused form, kept briefly to show the form again with its errors',
  pending_uploads: 'uploads in progress; their half-stored files are not copied either',
  search_outbox: 'search index work to do: derived from the rows, rebuilt on restore',
  search_words: 'the typo-correction dictionary: derived from the rows, rebuilt on restore',
  search_terms: "each material's title, summary and tag words with their rank: derived from the rows, rebuilt on restore",
  file_previews:
    'derived from the files, and made again after a restore (the worker gives every version without a preview a pending one when it starts, lib/material-previews)',
  material_download_viewers:
    'who downloaded what today, kept two days to count each viewer once a day; the daily totals, material_download_days, are backed up',
  api_rate_limit_windows: "the API's rate-limit counts, a minute long",
};

/** What the hub loads by itself at every start: a restore replaces these rows rather than refusing them. */
export const tablesTheHubLoads: readonly string[] = ['phases', 'artefact_types', 'kinds', 'topics', 'licences', 'organisations'];

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const identifierSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);

export const manifestSchema = z.object({
  format: z.literal('discovery-commons-backup'),
  formatVersion: z.literal(backupFormatVersion),
  /** The last database migration applied (drizzle/meta/_journal.json's tag). */
  migration: z.string().min(1),
  createdAt: z.iso.datetime(),
  tables: z.array(
    z.object({
      name: identifierSchema,
      file: z.string().regex(/^tables\/\d{2}-[a-z_]+\.jsonl$/),
      columns: z.array(identifierSchema).min(1),
      rows: z.number().int().min(0),
      bytes: z.number().int().min(0),
      sha256: sha256Schema,
    }),
  ),
  objects: z.object({ file: z.literal('objects.jsonl'), count: z.number().int().min(0), bytes: z.number().int().min(0), sha256: sha256Schema }),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const storedObjectSchema = z.object({
  key: z.string(),
  sizeBytes: z.number().int().min(0),
  sha256: sha256Schema,
  contentType: z.string().min(1),
});
export type BackedUpObject = z.infer<typeof storedObjectSchema>;

/** Refused backup: the message says what is wrong in words an operator can act on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** The migrations this code knows, oldest first, from drizzle's journal. */
export function knownMigrations(): { tag: string; when: number }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'drizzle', 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Whether `folder` is missing or holds nothing: a backup is written only there. */
export function isEmptyFolder(folder: string): boolean {
  return !fs.existsSync(folder) || (fs.statSync(folder).isDirectory() && fs.readdirSync(folder).length === 0);
}
