import { currentViewer } from '@/lib/sign-in/current-viewer';
import { downloadResponse } from '@/lib/http/download-response';
import { observeRequest } from '@/lib/http/observe-request';
import { openAlternativeDownload } from '@/lib/materials/open-download';
import { countDownloadQuietly } from '@/lib/http/count-download';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * Downloads the current file of a material in an alternative format (`docx` or `odt`), where one was
 * made for that file: the same permission check, attachment headers and download count as the file.
 */
export const GET = observeRequest('download', async (request: Request, { params }: { params: Promise<{ id: string; format: string }> }) => {
  const { id, format } = await params;
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const download = await openAlternativeDownload(hub, viewer, id, undefined, format);
  if (download) countDownloadQuietly(hub, viewer, id, request);
  return downloadResponse(download);
});
