import { AppError } from '@/lib/errors';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { projectParams } from '@/lib/http/route-params';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';

export const dynamic = 'force-dynamic';

/** "Accept" or "Decline" on the invitation banner posts here. answerProjectInvitation checks who may. */
export const POST = formRoute(
  { params: projectParams, page: ({ id }) => `/projects/${id}`, attempt: { form: 'project-invitation', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    const answer = fields.answer;
    if (answer !== 'accept' && answer !== 'decline') throw new AppError('bad_request', 'Choose accept or decline.');
    await answerProjectInvitation(hub, viewer, id, answer);
    return seeOther(answer === 'accept' ? `/projects/${id}?done=accepted` : `/projects?declined=1`);
  },
);
