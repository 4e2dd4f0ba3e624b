import { z } from 'zod';
import { decideConcern } from '@/lib/concerns/decide-concern';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** The decision form on a concern's page. decideConcern checks who may decide it and the answers. */
export const POST = formRoute(
  { params: z.object({ id: z.uuid() }), page: ({ id }) => `/concerns/${id}`, attempt: { form: 'decide-concern', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await decideConcern(hub, viewer, id, fields);
    return seeOther(`/concerns/${id}?decided=1`);
  },
);
