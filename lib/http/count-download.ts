import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { config } from '@/lib/config';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { authSecret } from '@/lib/sign-in/auth-secret';
import { clientNetworkAddress } from '@/lib/sign-in/client-address';
import { countDownload } from '@/lib/reuse/count-download';

/**
 * Counts a download that was already allowed, without making the download wait for it or fail with
 * it: the count is started and left to finish on its own; any error is logged and dropped. A count
 * is a nicety, the file is what the person came for.
 */
export function countDownloadQuietly(services: Services, viewer: Viewer, materialId: string, request: Request): void {
  try {
    const settings = config();
    const facts = { networkAddress: clientNetworkAddress(request.headers, settings.auth.trustedProxyHops), secret: authSecret(settings) };
    countDownload(services, viewer, materialId, facts).catch((err: unknown) => logger('download').warn({ err, materialId }, 'download not counted'));
  } catch (err) {
    logger('download').warn({ err, materialId }, 'download not counted');
  }
}
