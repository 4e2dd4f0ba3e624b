import { materialFormRoute } from '@/lib/http/material-form-route';
import { readUrlEncodedForm, refusalResponse, seeOther } from '@/lib/http/form-post';
import { deleteMaterial } from '@/lib/materials/delete-material';

export const dynamic = 'force-dynamic';

/** "Delete for good" posts here. deleteMaterial checks the viewer is a site admin. */
export const POST = materialFormRoute(async ({ request, id, viewer, hub }) => {
  try {
    await readUrlEncodedForm(request); // the button sends no answers; this checks the content type
    await deleteMaterial(hub, viewer, id);
    return seeOther(request, '/search?deleted=1');
  } catch (error) {
    return refusalResponse(request, viewer, error, `/materials/${id}/delete`);
  }
});
