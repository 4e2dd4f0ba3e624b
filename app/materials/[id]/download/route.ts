import { currentViewer } from '@/lib/sign-in/current-viewer';
import { downloadResponse } from '@/lib/http/download-response';
import { observeRequest } from '@/lib/http/observe-request';
import { openDownload } from '@/lib/materials/open-download';
import { countDownloadQuietly } from '@/lib/http/count-download';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * Downloads the current file of a material, always as an attachment, with the content type the server
 * chose when it checked the file. A user's file is never rendered on the hub's own origin.
 */
export const GET = observeRequest('download', async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const download = await openDownload(hub, viewer, id);
  // Counted only once allowed, and never in the download's way (lib/http/count-download.ts).
  if (download) countDownloadQuietly(hub, viewer, id, request);
  return downloadResponse(download);
});
