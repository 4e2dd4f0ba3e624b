import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import { checkPendingVersions } from '../check-version';
import { publishMaterial } from '../publish-material';

/**
 * What an uploader does after sharing or replacing a file, for tests about something else: the check
 * runs (here and now, as the worker would), then they publish, giving a reason in case it found
 * something. The flow itself is tested in lib/file-checks.
 */
export async function checkThenPublish(services: Services, viewer: Viewer, materialId: string): Promise<void> {
  await checkPendingVersions(services);
  await publishMaterial(services, viewer, materialId, { reason: 'Checked by the test: fine to publish' });
}
