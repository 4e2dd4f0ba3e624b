import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import yauzl from 'yauzl';
import type { Actor } from '@/lib/auth/viewer';
import { queryRows } from '@/lib/db/query-rows';
import { createMaterial } from '@/lib/materials/create-material';
import type { TestHub } from '@/lib/testing/test-hub';

/** Test helpers for kits: real materials with real files (for the zip), and a zip read back with yauzl. */

const importer: Actor = { kind: 'system', label: 'test import' };

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A published material of `council` with a small text file whose words are `content`. */
export async function shareMaterial(
  hub: TestHub,
  options: { council: string; title: string; visibility?: string; content?: string; fileName?: string },
): Promise<{ id: string; content: string }> {
  const content = options.content ?? `The words of ${options.title}, ${Math.random()}`;
  const created = await createMaterial(hub.services, {
    actor: importer,
    fields: {
      title: options.title,
      summary: `About ${options.title}`,
      phases: ['discovery'],
      artefactType: 'discussion-guide',
      kind: 'template',
      topics: 'waste-recycling',
      tags: '',
      council: options.council,
      licence: 'OGL-UK-3.0',
      visibility: options.visibility ?? 'public',
    },
    file: { fileName: options.fileName ?? `${options.title}.txt`, stream: Readable.from([Buffer.from(content)]) },
  });
  return { id: created.id, content };
}

export async function setStatus(hub: TestHub, materialId: string, status: string): Promise<void> {
  await hub.services.db.execute(sql`UPDATE materials SET status = ${status} WHERE id = ${materialId}`);
}

export async function kitState(hub: TestHub, kitId: string) {
  return queryRows(
    hub.services.db,
    sql`SELECT k.title, k.description, k.visibility,
               (SELECT coalesce(string_agg(ki.material_id::text || ':' || ki.position || ':' || ki.note, ',' ORDER BY ki.material_id), '') FROM kit_items ki WHERE ki.kit_id = k.id) AS items,
               (SELECT count(*)::int FROM audit_events a WHERE a.subject_id = ${kitId}) AS events
        FROM kits k WHERE k.id = ${kitId}`,
  );
}

/** All of a Node or web stream's bytes. */
export async function readStream(stream: Readable | ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Every entry of a zip, by name, with its bytes (yauzl checks the zip's structure and each CRC). */
export async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('error', reject);
    zipfile.on('end', () => resolve());
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        readStream(stream).then((bytes) => {
          entries.set(entry.fileName, bytes);
          zipfile.readEntry();
        }, reject);
      });
    });
    zipfile.readEntry();
  });
  return entries;
}
