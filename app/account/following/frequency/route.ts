import { setDigestFrequency } from '@/lib/following/set-digest-frequency';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/** "How often do you want emails?" on /account/following posts here. */
export const POST = formRoute({ page: () => '/account/following', attempt: { form: 'digest-frequency' } }, async ({ fields, viewer, hub }) => {
  await setDigestFrequency(hub, viewer, fields.frequency);
  return seeOther('/account/following?saved=frequency');
});
