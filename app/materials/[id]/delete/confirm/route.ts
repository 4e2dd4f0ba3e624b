import { currentViewer } from '@/lib/auth/current-viewer';
import { AppError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/http/check-origin';
import { plainError, readUrlEncodedForm, refusalResponse, seeOther } from '@/lib/http/form-post';
import { deleteMaterial } from '@/lib/materials/delete-material';
import { parseMaterialId } from '@/lib/materials/material-access';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** "Delete for good" posts here. deleteMaterial checks the viewer is a site admin. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
  } catch (error) {
    return plainError(error as AppError);
  }
  const id = parseMaterialId((await params).id);
  if (!id) return plainError(new AppError('not_found', 'Page not found'));
  const viewer = await currentViewer();
  try {
    await readUrlEncodedForm(request); // the button sends no answers; this checks the content type
    await deleteMaterial(await services(), viewer, id);
    return seeOther(request, '/search?deleted=1');
  } catch (error) {
    return refusalResponse(request, viewer, error, `/materials/${id}/delete`);
  }
}
