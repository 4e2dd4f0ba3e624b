import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { projectParams } from '@/lib/http/route-params';
import { setProjectStatus } from '@/lib/projects/set-project-status';

export const dynamic = 'force-dynamic';

/** "Save status" on the project page posts here. setProjectStatus checks who may (council admins). */
export const POST = formRoute(
  { params: projectParams, page: ({ id }) => `/projects/${id}`, attempt: { form: 'project-status', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await setProjectStatus(hub, viewer, id, fields);
    return seeOther(`/projects/${id}?done=status`);
  },
);
