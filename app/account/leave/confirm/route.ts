import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { leaveOrganisation } from '@/lib/organisations/leave-organisation';

export const dynamic = 'force-dynamic';

/** "Leave <council>". leaveOrganisation checks the viewer belongs to it and keeps one admin. */
export const POST = formRoute({ page: () => '/account/leave', attempt: { form: 'leave' } }, async ({ viewer, hub }) => {
  await leaveOrganisation(hub, viewer);
  return seeOther('/account/join?done=left');
});
