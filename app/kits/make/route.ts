import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { makeKit } from '@/lib/kits/make-kit';

export const dynamic = 'force-dynamic';

/** The "Make a kit" form posts here. makeKit checks who may and every answer. */
export const POST = formRoute({ page: () => '/kits/new', attempt: { form: 'kit' } }, async ({ fields, viewer, hub }) => {
  const { id } = await makeKit(hub, viewer, fields);
  return seeOther(`/kits/${id}?done=made`);
});
