import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';
import { deleteMaterial } from '@/lib/materials/delete-material';

export const dynamic = 'force-dynamic';

/** "Delete for good" posts here. deleteMaterial checks the viewer is a site admin. */
export const POST = formRoute({ params: materialParams, page: ({ id }) => `/materials/${id}/delete` }, async ({ params: { id }, viewer, hub }) => {
  await deleteMaterial(hub, viewer, id);
  return seeOther('/search?deleted=1');
});
