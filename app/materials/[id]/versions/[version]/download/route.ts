import { currentViewer } from '@/lib/sign-in/current-viewer';
import { downloadResponse } from '@/lib/http/download-response';
import { observeRequest } from '@/lib/http/observe-request';
import { openVersionDownload } from '@/lib/materials/open-download';
import { countDownloadQuietly } from '@/lib/http/count-download';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * Downloads one version (often an older one) of a material's file. Old versions inherit the material's
 * permissions: the same check as the current file, and 404 for anyone who may not see the material.
 */
export const GET = observeRequest('download', async (request: Request, { params }: { params: Promise<{ id: string; version: string }> }) => {
  const { id, version } = await params;
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const download = await openVersionDownload(hub, viewer, id, version);
  // Counted only once allowed, and never in the download's way (lib/http/count-download.ts).
  if (download) countDownloadQuietly(hub, viewer, id, request);
  return downloadResponse(download);
});
