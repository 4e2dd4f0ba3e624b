import 'server-only';
import type { Services } from '@/lib/services';
import { logger } from '@/lib/logging';

/**
 * Asks the worker to read new file versions' text now. Called after the version's transaction has
 * committed (its text_status is already 'pending' there, which is the durable record). If queueing
 * fails, the upload still stands: the worker's sweep queues every pending version within a minute.
 */
export async function queueTextExtraction(services: Services, versionIds: string[]): Promise<void> {
  if (!services.jobs) return;
  try {
    await services.jobs.extractText(versionIds);
  } catch (error) {
    logger('jobs').error({ err: error }, 'could not queue text extraction (the sweep will)');
  }
}
