import 'server-only';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageConfig } from '@/lib/config';
import { BlobNotFoundError, type BlobStore } from './blob-store';
import { attachmentDisposition } from './content-disposition';
import { assertValidStorageKey, isValidStorageKey } from './storage-key';

export type S3StorageConfig = Extract<StorageConfig, { driver: 's3' }>;

// Upload streams in 8 MB parts, at most 2 in flight: memory stays near 2 × 8 MB per upload whatever
// the file size, and S3's 10,000-part limit still allows ~80 GB.
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;
// A server-chosen MIME type, checked anyway so a caller's mistake cannot inject into the signed URL.
const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(?:; ?[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
  }
  return false;
}

/** Counts bytes on their way to S3 and hands lib-storage Buffers (it measures with byteLength). */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.bytes += buffer.length;
    done(null, buffer);
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

  async put(key: string, body: Readable, options: { contentType: string }): Promise<{ sizeBytes: number }> {
    assertValidStorageKey(key);
    const counter = new ByteCounter();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counter, ContentType: options.contentType },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false, // lib-storage aborts the multipart upload on failure
    });
    const piping = pipeline(body, counter);
    // If S3 fails first, nobody reads `counter` any more; destroying it ends the pipeline (and `body`)
    // instead of leaving it stalled on back-pressure.
    const uploading = upload.done().catch((error: unknown) => {
      counter.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    // Wait for both to settle: lib-storage only rejects after its in-flight parts finished and the
    // multipart upload was aborted, so the clean-up below cannot race a late PutObject.
    const [piped, uploaded] = await Promise.allSettled([piping, uploading]);
    if (piped.status === 'rejected' || uploaded.status === 'rejected') {
      // Belt and braces: a single-part PutObject may have landed before the failure was noticed.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(() => undefined);
      throw piped.status === 'rejected' ? piped.reason : (uploaded as PromiseRejectedResult).reason;
    }
    return { sizeBytes: counter.bytes };
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
