import { currentViewer } from '@/lib/sign-in/current-viewer';
import { downloadResponse } from '@/lib/http/download-response';
import { observeRequest } from '@/lib/http/observe-request';
import { openVersionDownload } from '@/lib/materials/open-download';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * Downloads one version (often an older one) of a material's file. Old versions inherit the material's
 * permissions: the same check as the current file, and 404 for anyone who may not see the material.
 */
export const GET = observeRequest('download', async (_request: Request, { params }: { params: Promise<{ id: string; version: string }> }) => {
  const { id, version } = await params;
  return downloadResponse(await openVersionDownload(await services(), await currentViewer(), id, version));
});
