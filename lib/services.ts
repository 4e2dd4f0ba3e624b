import 'server-only';
import type { Database } from '@/lib/db/client';
import type { Mailer } from '@/lib/mail/mailer';
import type { SearchEngine } from '@/lib/search/search-engine';
import type { BlobStore } from '@/lib/storage/blob-store';

/**
 * What domain functions work with. Passed in explicitly (rather than imported) so tests can run the
 * same code against PGlite, Postgres, local disk and S3.
 */
export interface Services {
  db: Database;
  storage: BlobStore;
  maxUploadBytes: number;
  /** The configured search engine (Meilisearch); absent means the built-in Postgres engine. */
  search?: SearchEngine;
  /**
   * Background work to start after a change commits (text extraction). Absent in most tests and
   * command-line tools: the worker's sweep picks up what was not queued, so this only makes it sooner.
   */
  jobs?: JobQueue;
  /** Emails about people and councils (lib/mail/mailer.ts); absent means none are sent. */
  mail?: Mailer;
}

export interface JobQueue {
  /** Queue text extraction for these file versions (already 'pending' in the database). */
  extractText(versionIds: string[]): Promise<void>;
  /** Queue the check before publishing for these file versions (already 'pending' in the database). */
  checkFile(versionIds: string[]): Promise<void>;
  /** Queue the making of these file versions' previews (already 'pending' in file_previews). */
  makePreview(versionIds: string[]): Promise<void>;
}

