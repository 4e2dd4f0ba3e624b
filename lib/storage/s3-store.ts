import 'server-only';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { StorageConfig } from '@/lib/config';
import { BlobNotFoundError, type BlobStore, type StoredObject } from './blob-store';
import { attachmentDisposition } from './content-disposition';
import { assertValidStorageKey, isValidStorageKey } from './storage-key';

export type S3StorageConfig = Extract<StorageConfig, { driver: 's3' }>;

/*
 * Memory. An upload holds at most two part buffers, whatever the file's size: one being sent (a single
 * UploadPart in flight) while the next part is read into the other. The buffers are reused from part
 * to part and kept for the next upload (up to two idle), so no part-sized buffer is allocated per part
 * or per upload. 5 MB is S3's smallest part: 10 MB per upload, and S3's 10,000-part limit still allows
 * ~48 GB. (@aws-sdk/lib-storage `Upload`, used before, concatenates every part into a new buffer; with
 * 8 MB parts and 2 in flight a 200 MB upload grew the server by ~98 MB. See bench/README.md.)
 */
const PART_SIZE = 5 * 1024 * 1024;
const PART_BUFFERS = 2;
const idleParts: Buffer[] = [];

function takePartBuffer(): Buffer {
  // allocUnsafeSlow: not from Node's shared pool, and its pages are only touched as parts fill it.
  return idleParts.pop() ?? Buffer.allocUnsafeSlow(PART_SIZE);
}

/** Only once nothing is sending from them. */
function keepPartBuffers(buffers: Buffer[]) {
  for (const buffer of buffers) if (idleParts.length < PART_BUFFERS) idleParts.push(buffer);
}

// A server-chosen MIME type, checked anyway so a caller's mistake cannot inject into the signed URL.
const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(?:; ?[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
  }
  return false;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Reads a stream into buffers the caller owns, a part at a time, copying each chunk in as it arrives
 * (with the stream's own back-pressure: nothing is read until a buffer is free).
 */
class PartReader {
  private readonly chunks: AsyncIterator<unknown>;
  /** The end of the last chunk, when it did not fit in the previous part. */
  private rest: Uint8Array | undefined;
  private ended = false;
  bytes = 0;

  constructor(stream: Readable) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  /** Fills `part` from the stream. Answers how many bytes it holds: fewer than its length only at the end. */
  async fill(part: Buffer): Promise<number> {
    let length = 0;
    while (length < part.length && !this.ended) {
      let chunk = this.rest;
      this.rest = undefined;
      if (!chunk) {
        const next = await this.chunks.next(); // rejects if the stream errors or is destroyed
        if (next.done) {
          this.ended = true;
          break;
        }
        chunk = typeof next.value === 'string' ? Buffer.from(next.value) : (next.value as Uint8Array);
      }
      const fits = Math.min(chunk.byteLength, part.length - length);
      part.set(fits === chunk.byteLength ? chunk : chunk.subarray(0, fits), length);
      length += fits;
      if (fits < chunk.byteLength) this.rest = chunk.subarray(fits);
    }
    this.bytes += length;
    return length;
  }
}

/** Any S3-compatible store (AWS S3, MinIO, Ceph, R2; s3rver in tests). */
export class S3Store implements BlobStore {
  readonly driver = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly presignedUrlSeconds: number;

  constructor(config: S3StorageConfig) {
    this.bucket = config.bucket;
    this.presignedUrlSeconds = config.presignedUrlSeconds;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials, // undefined: the AWS default credential chain
      // Without these the SDK sends stream bodies aws-chunked with trailing checksums: s3rver (and some
      // S3-compatibles) then store the chunk framing inside the object. See PITFALLS.md (S3).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /**
   * A stream that fits in one part is one PutObject; a longer one is a multipart upload, sent a part at a
   * time while the next part is read. On any failure (the stream's or S3's) reading stops, the parts in
   * flight settle, the multipart upload is aborted and any object under the key is deleted; the stream's
   * own error is the one thrown when it failed first.
   */
  async put(key: string, body: Readable, options: { contentType: string }): Promise<{ sizeBytes: number }> {
    assertValidStorageKey(key);
    const object = { Bucket: this.bucket, Key: key };
    const reader = new PartReader(body);
    const buffers = [takePartBuffer()]; // every part buffer this upload holds
    const free: Buffer[] = [];
    const sending = new Set<Promise<void>>();
    let uploadId: string | undefined;
    try {
      let part = buffers[0]!;
      let length = await reader.fill(part);
      if (length < PART_SIZE) {
        await this.client.send(
          new PutObjectCommand({ ...object, Body: part.subarray(0, length), ContentLength: length, ContentType: options.contentType }),
        );
        return { sizeBytes: length };
      }

      const created = await this.client.send(new CreateMultipartUploadCommand({ ...object, ContentType: options.contentType }));
      uploadId = created.UploadId;
      if (!uploadId) throw new Error('S3 answered CreateMultipartUpload without an UploadId');
      const completed: CompletedPart[] = [];
      for (let partNumber = 1; ; partNumber++) {
        const buffer = part;
        const upload = this.client
          .send(
            new UploadPartCommand({ ...object, UploadId: uploadId, PartNumber: partNumber, Body: buffer.subarray(0, length), ContentLength: length }),
          )
          .then(({ ETag }) => {
            if (!ETag) throw new Error(`S3 answered UploadPart ${partNumber} without an ETag`);
            completed.push({ PartNumber: partNumber, ETag });
            sending.delete(upload);
            free.push(buffer);
          });
        sending.add(upload);
        // If S3 fails while the next part is being read, stop reading: the pending read rejects too.
        upload.catch((error: unknown) => body.destroy(asError(error)));
        if (length < PART_SIZE) break; // that was the last part

        // The next part goes into a free buffer: a second one if this upload has only one, else the one
        // whose part has finished sending.
        if (!free.length && buffers.length < PART_BUFFERS) {
          const another = takePartBuffer();
          buffers.push(another);
          free.push(another);
        }
        while (!free.length) await Promise.race(sending);
        part = free.pop()!;
        length = await reader.fill(part);
        if (length === 0) break; // the stream ended exactly at the end of a part
      }
      await Promise.all(sending);
      completed.sort((a, b) => a.PartNumber! - b.PartNumber!);
      await this.client.send(
        new CompleteMultipartUploadCommand({ ...object, UploadId: uploadId, MultipartUpload: { Parts: completed } }),
      );
      return { sizeBytes: reader.bytes };
    } catch (error) {
      // Stop reading, and let the parts in flight settle so that the abort cannot race a late part.
      if (!body.destroyed) body.destroy(asError(error));
      await Promise.allSettled(sending);
      if (uploadId) {
        await this.client.send(new AbortMultipartUploadCommand({ ...object, UploadId: uploadId })).catch(() => undefined);
      }
      // Belt and braces: a PutObject may have landed before the failure was noticed.
      await this.client.send(new DeleteObjectCommand(object)).catch(() => undefined);
      throw error;
    } finally {
      keepPartBuffers(buffers);
    }
  }

  async get(key: string): Promise<{ body: Readable; sizeBytes: number }> {
    assertValidStorageKey(key);
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node the SDK's body is an http.IncomingMessage (a Readable); anything else is a wiring fault.
      if (!(result.Body instanceof Readable)) throw new Error('S3 returned a non-stream body');
      return { body: result.Body, sizeBytes: result.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })); // idempotent in S3
  }

  async exists(key: string): Promise<boolean> {
    assertValidStorageKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Only keys we could have made, so a reconcile never touches foreign objects in a shared bucket. */
  async *listKeys(): AsyncIterable<string> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket })) {
      for (const object of page.Contents ?? []) {
        if (isValidStorageKey(object.Key)) yield object.Key;
      }
    }
  }

  async *listObjects(): AsyncIterable<StoredObject> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket })) {
      for (const object of page.Contents ?? []) {
        if (isValidStorageKey(object.Key)) {
          yield { key: object.Key, sizeBytes: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
        }
      }
    }
  }

  /**
   * One key, GET only, short-lived, with the disposition and type baked into the signature, so the
   * browser downloads an attachment of the type we chose whatever the object's own metadata says.
   * Call only after authorising the viewer (SECURITY.md rule 6).
   */
  async presignedDownloadUrl(key: string, options: { fileName: string; contentType: string }): Promise<string> {
    assertValidStorageKey(key);
    if (!CONTENT_TYPE.test(options.contentType)) throw new Error('Refused an invalid content type');
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: attachmentDisposition(options.fileName),
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: this.presignedUrlSeconds });
  }
}
