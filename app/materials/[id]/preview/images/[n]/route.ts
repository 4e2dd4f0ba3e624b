import { currentViewer } from '@/lib/sign-in/current-viewer';
import { observeRequest } from '@/lib/http/observe-request';
import { previewPictureResponse, versionQuery } from '@/lib/http/preview-picture-response';
import { openPreviewPicture } from '@/lib/material-previews/open-preview-picture';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * A picture of a file's preview: one inside a document's HTML preview (numbered from 0 as the
 * preview numbers them), or the uploaded picture itself (0). The download's permission check; 404
 * for anyone who may not see it. `?version=N` for an older version's preview.
 */
export const GET = observeRequest('download', async (request: Request, { params }: { params: Promise<{ id: string; n: string }> }) => {
  const { id, n } = await params;
  return previewPictureResponse(await openPreviewPicture(await services(), await currentViewer(), id, { image: n }, versionQuery(request)));
});
