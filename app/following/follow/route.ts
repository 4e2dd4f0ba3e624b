import { follow } from '@/lib/following/follow';
import { formRoute } from '@/lib/http/form-route';
import { localReturnPath } from '@/lib/http/local-return-path';
import { seeOther } from '@/lib/http/responses';

export const dynamic = 'force-dynamic';

/**
 * The Follow buttons (council pages, service areas on the search page) and "Follow this search" post
 * here. follow() checks the viewer is signed in, that the thing exists and that they may see it.
 * A search without a name goes back to its form with the message beside the field.
 */
export const POST = formRoute({ page: () => '/following/new', attempt: { form: 'follow-search' } }, async ({ fields, viewer, hub }) => {
  await follow(hub, viewer, { kind: fields.kind, target: fields.target, name: fields.kind === 'search' ? (fields.name ?? '') : undefined });
  return seeOther(localReturnPath(fields.returnTo, '/account/following'));
});
