import { AppError } from '@/lib/errors';
import { materialFormRoute } from '@/lib/http/material-form-route';
import { readUrlEncodedForm, refusalResponse, seeOther, type FormFields } from '@/lib/http/form-post';
import { saveFormAttempt } from '@/lib/materials/form-attempts';
import { updateMaterial } from '@/lib/materials/update-material';

export const dynamic = 'force-dynamic';

/** The edit form posts here. updateMaterial checks who may change it and validates every answer. */
export const POST = materialFormRoute(async ({ request, id, viewer, hub }) => {
  let fields: FormFields = {};
  try {
    fields = await readUrlEncodedForm(request);
    await updateMaterial(hub, viewer, id, fields);
    return seeOther(request, `/materials/${id}?updated=1`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      const attempt = await saveFormAttempt(hub, viewer, { form: 'edit', materialId: id, fields, errors: error.fieldErrors });
      return seeOther(request, `/materials/${id}/edit?attempt=${attempt}`);
    }
    return refusalResponse(request, viewer, error, `/materials/${id}/edit`);
  }
});
