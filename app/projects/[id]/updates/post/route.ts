import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { projectParams } from '@/lib/http/route-params';
import { postProjectUpdate } from '@/lib/projects/post-project-update';

export const dynamic = 'force-dynamic';

/** The "Post an update" form posts here. postProjectUpdate checks who may and every answer. */
export const POST = formRoute(
  { params: projectParams, page: ({ id }) => `/projects/${id}/updates/new`, attempt: { form: 'project-update', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await postProjectUpdate(hub, viewer, id, fields);
    return seeOther(`/projects/${id}?done=posted`);
  },
);
