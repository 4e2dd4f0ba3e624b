import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { projectParams } from '@/lib/http/route-params';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';

export const dynamic = 'force-dynamic';

/** "Invite council" on the project page posts here. inviteProjectPartner checks who may and which council. */
export const POST = formRoute(
  { params: projectParams, page: ({ id }) => `/projects/${id}`, attempt: { form: 'project-partner', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await inviteProjectPartner(hub, viewer, id, fields);
    return seeOther(`/projects/${id}?done=invited`);
  },
);
