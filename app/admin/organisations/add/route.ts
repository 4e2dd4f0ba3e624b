import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { addPublicBody } from '@/lib/organisations/add-public-body';

export const dynamic = 'force-dynamic';

/** "Add public body". addPublicBody checks the viewer is a site admin and validates every answer. */
export const POST = formRoute({ page: () => '/admin/organisations/new', attempt: { form: 'public-body' } }, async ({ fields, viewer, hub }) => {
  const { slug } = await addPublicBody(hub, viewer, {
    name: fieldText(fields, 'name', 1000),
    homepageUrl: fieldText(fields, 'homepageUrl', 2000),
    emailDomains: fieldText(fields, 'emailDomains', 20_000),
  });
  return seeOther(`/admin/organisations?${new URLSearchParams({ added: slug })}`);
});
