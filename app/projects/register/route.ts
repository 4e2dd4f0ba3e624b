import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { registerProject } from '@/lib/projects/register-project';

export const dynamic = 'force-dynamic';

/** The "Register a project" form posts here. registerProject checks who may and every answer. */
export const POST = formRoute({ page: () => '/projects/new', attempt: { form: 'project' } }, async ({ fields, viewer, hub }) => {
  const { id } = await registerProject(hub, viewer, fields);
  return seeOther(`/projects/${id}?done=registered`);
});
