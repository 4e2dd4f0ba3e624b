import 'server-only';
import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * Reads the first `bytes` bytes of a stream without losing them: returns them, and a stream that
 * yields the whole content again (head first, then the rest as it arrives, with backpressure).
 */
export async function peekHead(source: Readable, bytes: number): Promise<{ head: Buffer; body: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const buffered = Buffer.concat(chunks);
  async function* replay() {
    if (buffered.length) yield buffered;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const body = Readable.from(replay(), { objectMode: false });
  // If the consumer gives up (say, storage fails), stop reading the source too.
  body.once('close', () => {
    if (!body.readableEnded) void iterator.return?.();
  });
  return { head: buffered.subarray(0, bytes), body };
}

export class FileTooLargeError extends Error {
  constructor(public readonly limitBytes: number) {
    super(`File is larger than ${limitBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Passes bytes through while counting them and computing their sha256. Fails the stream with
 * FileTooLargeError as soon as more than `limitBytes` have passed, so an oversized upload is cut off
 * at the limit rather than stored.
 */
export class MeasuringStream extends Transform {
  private readonly hash = createHash('sha256');
  sizeBytes = 0;
  private digest: string | undefined;

  constructor(private readonly limitBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.sizeBytes += chunk.length;
    if (this.sizeBytes > this.limitBytes) {
      callback(new FileTooLargeError(this.limitBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    this.digest = this.hash.digest('hex');
    callback();
  }

  /** The sha256 in hex, once the stream has ended. */
  get sha256(): string {
    if (!this.digest) throw new Error('sha256 is known only once the stream has ended');
    return this.digest;
  }
}

/** Reads a stream to its end, discarding it, but still enforcing the size limit. */
export async function drain(source: Readable, limitBytes: number): Promise<{ tooLarge: boolean }> {
  let size = 0;
  for await (const chunk of source) {
    size += (chunk as Buffer).length;
  }
  return { tooLarge: size > limitBytes };
}
