import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { organisationParams } from '@/lib/http/route-params';
import { contactOrganisationAdmins } from '@/lib/organisations/contact-organisation-admins';

export const dynamic = 'force-dynamic';

/** "Send message" on a council's page. contactOrganisationAdmins checks the sender, the message and the limit. */
export const POST = formRoute(
  {
    params: organisationParams,
    page: ({ slug }) => `/organisations/${slug}`,
    attempt: { form: 'contact-admins', subject: ({ slug }) => slug },
  },
  async ({ params: { slug }, fields, viewer, hub }) => {
    await contactOrganisationAdmins(hub, viewer, slug, { message: fieldText(fields, 'message', 10_000) });
    return seeOther(`/organisations/${slug}?sent=1#contact`);
  },
);
