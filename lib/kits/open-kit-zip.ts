import 'server-only';
import { eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { AppError } from '@/lib/errors';
import { kitFor } from './kit-access';
import { visibleKitItems } from './kit-items-query';
import { pullStream } from './pull-stream';
import { storedZip, storedZipSize, type StoredZipEntry } from './stored-zip';
import { attributionCsv, hubName, kitReadme, zipEntryName, type ZipFileFacts } from './kit-zip-contents';

/**
 * "Download all" for a kit: one zip, streamed, holding only what this viewer may see.
 *
 * - Permission: the kit through canViewKit, then each item through the materials' own rule, in the
 *   same query as the kit page (kit-items-query.ts): a council-only material of another council is
 *   not in the zip, nor in README.txt or attribution.csv. The current published file of each.
 * - Memory: the zip is an async generator (stored-zip.ts) pulled by the response (pull-stream.ts):
 *   one stored object is opened at a time, through the blob store, only when the zip reaches it, and
 *   read at most `readAheadBytes` ahead of what the response has sent, so memory stays bounded
 *   whatever the kit's size (`npm run bench:kit-download`: a 1 GB kit).
 * - Size: files are stored, not deflated (most are Office, PDF or images, already compressed), so the
 *   zip's exact size is known before the first byte is sent and the response sets Content-Length.
 *   (Next.js 16 drops Content-Length from route-handler responses, see
 *   next/dist/server/send-response.js, so behind `next start` it goes out chunked, as single downloads
 *   do; the header is kept for when that changes or a handler is served another way.)
 * - A stored object whose size differs from the database, or that is missing, fails the zip part way
 *   (the connection is cut) rather than producing a corrupt one.
 */
/** How far the zip may be read ahead of the response (pull-stream.ts): none, measured (bench/README.md, kit-download). */
const readAheadBytes = 0;

export interface KitZip {
  fileName: string;
  /** The exact size of the zip, or undefined when it cannot be known in advance. */
  sizeBytes: number | undefined;
  /** Pulled: nothing is read from storage before the reader asks for it. */
  body: ReadableStream<Uint8Array>;
  /** The materials whose files are in it (for counting downloads). */
  materialIds: string[];
}

export async function openKitZip(services: Services, viewer: Viewer, kitId: unknown, options: { hubUrl: string; now?: Date }): Promise<KitZip | undefined> {
  let kit;
  try {
    kit = await kitFor(services.db, viewer, kitId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
  const council = kit.organisationId ? await councilName(services, kit.organisationId) : null;
  const rows = (await visibleKitItems(services.db, viewer, kit.id)).filter((row) => row.storage_key !== null && row.size_bytes !== null);
  const files = rows.map((row, i) => {
    const facts: ZipFileFacts = {
      materialId: row.material_id,
      title: row.title,
      council: row.council_name,
      licence: row.licence_title ?? row.licence,
      licenceUrl: row.licence_url,
      attribution: row.attribution,
      note: row.note,
      fileName: row.file_name ?? 'file',
    };
    return { ...facts, entryName: zipEntryName(i + 1, rows.length, facts.fileName), storageKey: row.storage_key!, sizeBytes: row.size_bytes! };
  });
  const now = options.now ?? new Date();
  const kitFacts = { id: kit.id, title: kit.title, description: kit.description, council: council ?? (kit.organisationId ? null : hubName) };
  const inMemory = (name: string, text: string): StoredZipEntry => {
    const bytes = Buffer.from(text, 'utf8');
    return { name, sizeBytes: bytes.length, open: async () => [bytes] };
  };
  const entries: StoredZipEntry[] = [
    inMemory('README.txt', kitReadme(kitFacts, files, options.hubUrl, now)),
    inMemory('attribution.csv', attributionCsv(files, options.hubUrl)),
    ...files.map((file) => ({ name: file.entryName, sizeBytes: file.sizeBytes, open: async () => (await services.storage.get(file.storageKey)).body })),
  ];
  const zipOptions = { mtime: now };
  const body = pullStream(storedZip(entries, zipOptions), {
    queueBytes: readAheadBytes,
    onError: (error) => logger('kit-zip').error({ err: error, kitId: kit.id }, 'kit zip failed part way'),
  });
  return { fileName: `${kit.title}.zip`, sizeBytes: storedZipSize(entries, zipOptions), body, materialIds: files.map((file) => file.materialId) };
}

async function councilName(services: Services, organisationId: string): Promise<string | null> {
  const [row] = await services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.name ?? null;
}
