import 'server-only';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';

/**
 * Asks the worker to make new file versions' previews now. Called after the version's transaction
 * has committed (its file_previews row is already 'pending' there, the durable record). If queueing
 * fails, the upload still stands: the worker's sweep queues every pending preview within a minute.
 */
export async function queuePreviews(services: Services, versionIds: string[]): Promise<void> {
  if (!services.jobs) return;
  try {
    await services.jobs.makePreview(versionIds);
  } catch (error) {
    logger('jobs').error({ err: error }, 'could not queue previews (the sweep will)');
  }
}
