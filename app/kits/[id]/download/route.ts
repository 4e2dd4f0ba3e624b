import { config } from '@/lib/config';
import { countDownloadQuietly } from '@/lib/http/count-download';
import { kitZipResponse } from '@/lib/http/kit-zip-response';
import { observeRequest } from '@/lib/http/observe-request';
import { openKitZip } from '@/lib/kits/open-kit-zip';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

export const dynamic = 'force-dynamic';

/**
 * Downloads a whole kit as one zip: only what this viewer may see, streamed one stored file at a time
 * (lib/kits/open-kit-zip.ts). Each file in it counts as a download of its material, by the same rule
 * as downloading it on its own (once per viewer per material per day).
 */
export const GET = observeRequest('download', async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const zip = await openKitZip(hub, viewer, id, { hubUrl: config().auth.url });
  if (zip) for (const materialId of zip.materialIds) countDownloadQuietly(hub, viewer, materialId, request);
  return kitZipResponse(zip);
});
