import { materialFormRoute } from '@/lib/http/material-form-route';
import { readUrlEncodedForm, refusalResponse, seeOther } from '@/lib/http/form-post';
import { restoreMaterial } from '@/lib/materials/restore-material';

export const dynamic = 'force-dynamic';

/** The Restore button on a withdrawn material's page posts here. restoreMaterial checks who may. */
export const POST = materialFormRoute(async ({ request, id, viewer, hub }) => {
  try {
    await readUrlEncodedForm(request); // the button sends no answers; this checks the content type
    await restoreMaterial(hub, viewer, id);
    return seeOther(request, `/materials/${id}?restored=1`);
  } catch (error) {
    return refusalResponse(request, viewer, error, `/materials/${id}`);
  }
});
