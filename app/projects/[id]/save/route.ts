import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { projectParams } from '@/lib/http/route-params';
import { editProject } from '@/lib/projects/edit-project';

export const dynamic = 'force-dynamic';

/** The "Change this project" form posts here. editProject checks who may and every answer. */
export const POST = formRoute(
  { params: projectParams, page: ({ id }) => `/projects/${id}/edit`, attempt: { form: 'project', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await editProject(hub, viewer, id, fields);
    return seeOther(`/projects/${id}?done=updated`);
  },
);
