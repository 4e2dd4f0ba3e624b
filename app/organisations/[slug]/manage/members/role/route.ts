import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { organisationParams } from '@/lib/http/route-params';
import { changeMemberRole } from '@/lib/organisations/change-member-role';
import { whenGone } from '@/lib/organisations/when-gone';

export const dynamic = 'force-dynamic';

/** "Make organisation admin" / "Make member". changeMemberRole checks permission and keeps one admin. */
export const POST = formRoute(
  { params: organisationParams, page: ({ slug }) => `/organisations/${slug}/manage`, attempt: { form: 'manage-organisation', subject: ({ slug }) => slug } },
  async ({ params: { slug }, fields, viewer, hub }) => {
    const changed = await whenGone(changeMemberRole(hub, viewer, slug, { userId: fieldText(fields, 'userId'), role: fieldText(fields, 'role') }));
    return seeOther(`/organisations/${slug}/manage?${new URLSearchParams({ done: 'role_changed', member: changed.userId })}`);
  },
);
