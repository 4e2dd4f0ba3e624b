import 'server-only';
import type { StorageConfig } from '@/lib/config';
import type { BlobStore } from './blob-store';
import { LocalDiskStore } from './local-disk-store';
import { S3Store } from './s3-store';

export { BlobNotFoundError, type BlobStore } from './blob-store';
export { newStorageKey, isValidStorageKey, InvalidStorageKeyError } from './storage-key';
export { attachmentDisposition, cleanFileName } from './content-disposition';

/** The store the configuration asks for: local disk by default, S3 when S3_BUCKET is set. */
export function createBlobStore(config: StorageConfig): BlobStore {
  switch (config.driver) {
    case 'local':
      return new LocalDiskStore(config.root);
    case 's3':
      return new S3Store(config);
  }
}
