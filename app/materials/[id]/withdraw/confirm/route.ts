import { AppError } from '@/lib/errors';
import { materialFormRoute } from '@/lib/http/material-form-route';
import { readUrlEncodedForm, refusalResponse, seeOther, type FormFields } from '@/lib/http/form-post';
import { saveFormAttempt } from '@/lib/materials/form-attempts';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';

export const dynamic = 'force-dynamic';

/** The withdraw form posts here. withdrawMaterial checks who may withdraw it and validates the reason. */
export const POST = materialFormRoute(async ({ request, id, viewer, hub }) => {
  let fields: FormFields = {};
  try {
    fields = await readUrlEncodedForm(request);
    await withdrawMaterial(hub, viewer, id, fields);
    return seeOther(request, `/materials/${id}?withdrawn=1`);
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') {
      const attempt = await saveFormAttempt(hub, viewer, { form: 'withdraw', materialId: id, fields, errors: error.fieldErrors });
      return seeOther(request, `/materials/${id}/withdraw?attempt=${attempt}`);
    }
    return refusalResponse(request, viewer, error, `/materials/${id}/withdraw`);
  }
});
