import 'server-only';
import type { Database } from '@/lib/db/client';
import type { BlobStore } from '@/lib/storage/blob-store';

/**
 * What domain functions work with. Passed in explicitly (rather than imported) so tests can run the
 * same code against PGlite, Postgres, local disk and S3.
 */
export interface Services {
  db: Database;
  storage: BlobStore;
  maxUploadBytes: number;
}
