import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes a CSV file of exactly `bytes` bytes (plain text, so it passes the content check), hashing it
 * on the way. Written block by block with back-pressure: never held in memory.
 */
export async function writeCsvFile(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const councils = ['bristol', 'leeds', 'camden', 'york', 'newham', 'hackney', 'southwark', 'cornwall'];
  const services = ['bin collection', 'housing repairs', 'council tax', 'parking permits', 'school admissions'];
  let row = 0;
  function block(): string {
    const lines: string[] = [];
    for (let i = 0; i < 4096; i++, row++) {
      lines.push(
        `${row},${councils[row % councils.length]},"${services[row % services.length]}",2024-${String((row % 12) + 1).padStart(2, '0')}-${String((row % 28) + 1).padStart(2, '0')},${(row * 7919) % 100000},"participant ${row % 97} said the form was ${row % 3 === 0 ? 'hard' : 'fine'} to find"\n`,
      );
    }
    return lines.join('');
  }
  const out = fs.createWriteStream(file);
  const header = 'id,council,service,date,reference,notes\n';
  async function* chunks() {
    let written = 0;
    const first = Buffer.from(header);
    written += first.length;
    yield first;
    while (written < bytes) {
      let chunk = Buffer.from(block());
      const left = bytes - written;
      if (chunk.length > left) {
        // The last line: padding to the exact size, still ending with a line feed.
        chunk = Buffer.from(`${'#'.repeat(Math.max(0, left - 1))}\n`.slice(-left));
      }
      written += chunk.length;
      yield chunk;
    }
  }
  await pipeline(
    Readable.from(chunks()),
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        yield chunk;
      }
    },
    out,
  );
  return hash.digest('hex');
}

export async function sha256OfStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
