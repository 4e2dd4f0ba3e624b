import { formRoute } from '@/lib/http/form-route';
import { materialParams } from '@/lib/http/route-params';
import { shareUploadedMaterial } from '@/lib/http/share-upload';

// "Adapt this for my council" posts here: the same upload, checks and draft as sharing a material,
// recorded as adapted from the material in the address (createMaterial checks it may be adapted).
export const dynamic = 'force-dynamic';

export const POST = formRoute(
  {
    params: materialParams,
    body: 'stream',
    page: ({ id }) => `/materials/${id}/adapt`,
    attempt: { form: 'adapt', subject: ({ id }) => id, fileField: 'file', forbiddenBesideFile: true },
  },
  (context) => shareUploadedMaterial(context, { adaptedFrom: context.params.id }),
);
