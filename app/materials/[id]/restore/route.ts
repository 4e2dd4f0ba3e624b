import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { restoreMaterial } from '@/lib/materials/restore-material';

export const dynamic = 'force-dynamic';

/** The Restore button on a withdrawn material's page posts here. restoreMaterial checks who may. */
export const POST = formRoute({ params: materialParams, page: ({ id }) => `/materials/${id}` }, async ({ params: { id }, viewer, hub }) => {
  await restoreMaterial(hub, viewer, id);
  return seeOther(`/materials/${id}?restored=1`);
});
