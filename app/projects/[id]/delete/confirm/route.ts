import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { projectParams } from '@/lib/http/route-params';
import { deleteProject } from '@/lib/projects/delete-project';

export const dynamic = 'force-dynamic';

/** "Delete project" posts here. deleteProject checks who may. */
export const POST = formRoute(
  { params: projectParams, page: ({ id }) => `/projects/${id}/delete`, attempt: { form: 'project-delete', subject: ({ id }) => id } },
  async ({ params: { id }, viewer, hub }) => {
    await deleteProject(hub, viewer, id);
    return seeOther('/projects?deleted=1');
  },
);
