import { acceptSuggestedTags } from '@/lib/file-checks/accept-suggested-tags';
import { formRoute } from '@/lib/http/form-route';
import { seeOther } from '@/lib/http/responses';
import { materialParams } from '@/lib/http/route-params';

export const dynamic = 'force-dynamic';

/** "Add these tags" on the check page: only what was ticked is added. */
export const POST = formRoute(
  { params: materialParams, page: ({ id }) => `/materials/${id}/check`, attempt: { form: 'suggested-tags', subject: ({ id }) => id } },
  async ({ params: { id }, fields, viewer, hub }) => {
    await acceptSuggestedTags(hub, viewer, id, fields);
    return seeOther(`/materials/${id}/check?tagged=1`);
  },
);
