import 'server-only';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live. Two implementations behind this one interface: local disk (the embedded
 * default, under DATA_DIR/files) and any S3-compatible store (S3_* settings). Keys are always made by
 * the server (see newStorageKey) and are never shown to users.
 */
export interface BlobStore {
  readonly driver: 'local' | 's3';
  /**
   * Stores the whole stream under `key`. Resolves once every byte is durably stored. If the stream errors
   * or the store fails, rejects and leaves no object (and no partial object) behind.
   */
  put(key: string, body: Readable, options: { contentType: string }): Promise<{ sizeBytes: number }>;
  /** Streams a stored object. Rejects with BlobNotFoundError when there is none. */
  get(key: string): Promise<{ body: Readable; sizeBytes: number }>;
  /** Removes an object. Removing a key that does not exist is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every key in the store (for reconciling storage against the database). */
  listKeys(): AsyncIterable<string>;
  /** Every object with its size and when it was last written (for `npm run storage:verify`). */
  listObjects(): AsyncIterable<StoredObject>;
  /**
   * A short-lived URL that downloads the object as an attachment with the given name and content type,
   * fixed by the server; or undefined where the store has no such URLs (local disk: the app streams).
   */
  presignedDownloadUrl(
    key: string,
    options: { fileName: string; contentType: string },
  ): Promise<string | undefined>;
}

export interface StoredObject {
  key: string;
  sizeBytes: number;
  modifiedAt: Date;
}

export class BlobNotFoundError extends Error {
  constructor(key: string) {
    super(`No stored file for key ${key}`);
    this.name = 'BlobNotFoundError';
  }
}
