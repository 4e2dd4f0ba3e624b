import { currentViewer } from '@/lib/sign-in/current-viewer';
import { observeRequest } from '@/lib/http/observe-request';
import { previewPictureResponse, versionQuery } from '@/lib/http/preview-picture-response';
import { openPreviewPicture } from '@/lib/material-previews/open-preview-picture';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * One page (or slide) of a file's preview, as a picture: the same permission check as the file's
 * download, and 404 for anyone who may not see it. `?version=N` for an older version's preview.
 */
export const GET = observeRequest('download', async (request: Request, { params }: { params: Promise<{ id: string; n: string }> }) => {
  const { id, n } = await params;
  return previewPictureResponse(await openPreviewPicture(await services(), await currentViewer(), id, { page: n }, versionQuery(request)));
});
