import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { organisationParams } from '@/lib/http/route-params';
import { setCheckAcknowledgement } from '@/lib/organisations/set-check-acknowledgement';

export const dynamic = 'force-dynamic';

/** The "checks before publishing" setting on the manage page. setCheckAcknowledgement checks permission. */
export const POST = formRoute(
  { params: organisationParams, page: ({ slug }) => `/organisations/${slug}/manage`, attempt: { form: 'manage-organisation', subject: ({ slug }) => slug } },
  async ({ params: { slug }, fields, viewer, hub }) => {
    await setCheckAcknowledgement(hub, viewer, slug, fields);
    return seeOther(`/organisations/${slug}/manage?done=checks_updated`);
  },
);
