import { currentViewer } from '@/lib/sign-in/current-viewer';
import { observeRequest } from '@/lib/http/observe-request';
import { previewPictureResponse, versionQuery } from '@/lib/http/preview-picture-response';
import { openPreviewPicture } from '@/lib/material-previews/open-preview-picture';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * The small picture of a file (its first page, slide or the picture), for lists and search results:
 * the download's permission check, and 404 for anyone who may not see it or where there is none.
 */
export const GET = observeRequest('download', async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return previewPictureResponse(await openPreviewPicture(await services(), await currentViewer(), id, 'thumbnail', versionQuery(request)));
});
