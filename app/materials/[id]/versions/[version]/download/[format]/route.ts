import { currentViewer } from '@/lib/sign-in/current-viewer';
import { downloadResponse } from '@/lib/http/download-response';
import { observeRequest } from '@/lib/http/observe-request';
import { openAlternativeDownload } from '@/lib/materials/open-download';
import { countDownloadQuietly } from '@/lib/http/count-download';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * Downloads one version of a material's file in an alternative format (`docx` or `odt`), where one was
 * made for that version: the same check as the version's download (404 for anyone who may not see it).
 */
export const GET = observeRequest(
  'download',
  async (request: Request, { params }: { params: Promise<{ id: string; version: string; format: string }> }) => {
    const { id, version, format } = await params;
    const [hub, viewer] = await Promise.all([services(), currentViewer()]);
    const download = await openAlternativeDownload(hub, viewer, id, version, format);
    if (download) countDownloadQuietly(hub, viewer, id, request);
    return downloadResponse(download);
  },
);
