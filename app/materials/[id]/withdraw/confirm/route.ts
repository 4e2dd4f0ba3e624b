import { currentViewer } from '@/lib/auth/current-viewer';
import { AppError } from '@/lib/errors';
import { assertSameOrigin } from '@/lib/http/check-origin';
import { plainError, readUrlEncodedForm, refusalResponse, seeOther, type FormFields } from '@/lib/http/form-post';
import { saveFormAttempt } from '@/lib/materials/form-attempts';
import { parseMaterialId } from '@/lib/materials/material-access';
import { withdrawMaterial } from '@/lib/materials/withdraw-material';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** The withdraw form posts here. withdrawMaterial checks who may withdraw it and validates the reason. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
  } catch (error) {
    return plainError(error as AppError);
  }
  const id = parseMaterialId((await params).id);
  if (!id) return plainError(new AppError('not_found', 'Page not found'));
  const hub = await services();
  const viewer = await currentViewer();
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
}
