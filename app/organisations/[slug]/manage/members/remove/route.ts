import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { organisationParams } from '@/lib/http/route-params';
import { removeMember } from '@/lib/organisations/remove-member';
import { whenGone } from '@/lib/organisations/when-gone';

export const dynamic = 'force-dynamic';

/** "Remove member" (or "Leave organisation") on the confirmation page. removeMember checks permission. */
export const POST = formRoute(
  { params: organisationParams, page: ({ slug }) => `/organisations/${slug}/manage`, attempt: { form: 'manage-organisation', subject: ({ slug }) => slug } },
  async ({ params: { slug }, fields, viewer, hub }) => {
    const userId = fieldText(fields, 'userId');
    await whenGone(removeMember(hub, viewer, slug, { userId }));
    // Someone who removed themself can no longer see the manage page.
    const leftThemself = viewer.kind === 'user' && viewer.userId === userId;
    return seeOther(leftThemself ? '/account/join?done=left' : `/organisations/${slug}/manage?done=removed`);
  },
);
