import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { organisationParams } from '@/lib/http/route-params';
import { updateEmailDomains } from '@/lib/organisations/update-email-domains';

export const dynamic = 'force-dynamic';

/** The email domains form posts here. updateEmailDomains checks permission and every domain. */
export const POST = formRoute(
  {
    params: organisationParams,
    page: ({ slug }) => `/organisations/${slug}/manage/email-domains`,
    attempt: { form: 'email-domains', subject: ({ slug }) => slug },
  },
  async ({ params: { slug }, fields, viewer, hub }) => {
    await updateEmailDomains(hub, viewer, slug, { emailDomains: fieldText(fields, 'emailDomains') });
    return seeOther(`/organisations/${slug}/manage?done=domains_updated`);
  },
);
