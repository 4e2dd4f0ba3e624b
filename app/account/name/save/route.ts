import { formRoute } from '@/lib/http/form-route';
import { fieldText } from '@/lib/http/read-form';
import { seeOther } from '@/lib/http/responses';
import { setDisplayName } from '@/lib/people/set-display-name';

export const dynamic = 'force-dynamic';

/** "Save your name". setDisplayName checks the name by the one rule for names. */
export const POST = formRoute({ page: () => '/account/name', attempt: { form: 'display-name' } }, async ({ fields, viewer, hub }) => {
  await setDisplayName(hub, viewer, { name: fieldText(fields, 'name', 1000) });
  return seeOther('/account?done=name');
});
