import 'server-only';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { AppError } from '@/lib/errors';
import { kitFor } from './kit-access';
import { visibleKitItems } from './kit-items-query';
import { attributionCsv, hubName, kitReadme, zipEntryName, type ZipFileFacts } from './kit-zip-contents';

/**
 * "Download all" for a kit: one zip, streamed, holding only what this viewer may see.
 *
 * - Permission: the kit through canViewKit, then each item through the materials' own rule, in the
 *   same query as the kit page (kit-items-query.ts): a council-only material of another council is
 *   not in the zip, nor in README.txt or attribution.csv. The current published file of each.
 * - Memory: files are added lazily (yazl's addReadStreamLazy), so one stored object is opened at a
 *   time, through the blob store, only when the zip reaches it; it flows through with the response's
 *   back-pressure, so memory stays bounded whatever the kit's size.
 * - Size: files are stored, not deflated (most are Office, PDF or images, already compressed), so the
 *   zip's exact size is known before the first byte is sent (yazl's final size) and the response
 *   sets Content-Length. (Next.js 16 drops Content-Length from route-handler responses, see
 *   next/dist/server/send-response.js, so behind `next start` it goes out chunked, as single downloads
 *   do; the header is kept for when that changes or a handler is served another way.)
 *
 * yazl (maintained, no dependencies beyond buffer-crc32, already used by the hub's tests) writes
 * streams of unknown content with their sizes declared up front and checks them: a stored object whose
 * size differs from the database fails the zip rather than producing a corrupt one.
 */
export interface KitZip {
  fileName: string;
  /** The exact size of the zip, or undefined when it cannot be known in advance. */
  sizeBytes: number | undefined;
  body: Readable;
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
  const zip = new ZipFile();
  let current: Readable | undefined;
  // yazl's output is a PassThrough; its types say only 'a readable stream'.
  const body = zip.outputStream as unknown as Readable;
  zip.on('error', (error: Error) => {
    logger('kit-zip').error({ err: error, kitId: kit.id }, 'kit zip failed part way');
    current?.destroy();
    body.destroy(error);
  });
  // The person gave up (closed the tab): stop reading the object being sent, so nothing is left open.
  body.on('close', () => {
    if (!body.readableEnded) current?.destroy();
  });
  const kitFacts = { id: kit.id, title: kit.title, description: kit.description, council: council ?? (kit.organisationId ? null : hubName) };
  zip.addBuffer(Buffer.from(kitReadme(kitFacts, files, options.hubUrl, now), 'utf8'), 'README.txt', { compress: false, mtime: now });
  zip.addBuffer(Buffer.from(attributionCsv(files, options.hubUrl), 'utf8'), 'attribution.csv', { compress: false, mtime: now });

  for (const file of files) {
    zip.addReadStreamLazy(file.entryName, { compress: false, size: file.sizeBytes, mtime: now }, (callback) => {
      services.storage.get(file.storageKey).then(
        ({ body }) => {
          current = body;
          callback(null, body);
        },
        (error: unknown) => callback(error as Error, undefined as unknown as Readable),
      );
    });
  }
  // @types/yazl leaves out the size yazl passes to end's callback (-1 when it cannot know it).
  const ending = zip as unknown as { end(options: object, sized: (size: number) => void): void };
  const sizeBytes = await new Promise<number | undefined>((resolve) => ending.end({ forceZip64Format: false, comment: '' }, (size: number) => resolve(size >= 0 ? size : undefined)));
  return { fileName: `${kit.title}.zip`, sizeBytes, body, materialIds: files.map((file) => file.materialId) };
}

async function councilName(services: Services, organisationId: string): Promise<string | null> {
  const [row] = await services.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.name ?? null;
}
