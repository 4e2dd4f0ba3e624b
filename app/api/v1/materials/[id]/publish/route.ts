import { apiWriteRoute } from '@/lib/api/api-write-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerPublishMaterial, publishMaterialOperation } from '@/lib/api/operations/material-writes';

export const dynamic = 'force-dynamic';

/** POST /api/v1/materials/{id}/publish: publish a checked draft, as the check page (lib/api/operations/material-writes.ts). */
export const POST = apiWriteRoute(publishMaterialOperation, answerPublishMaterial);

/** Any other method: 405 with Allow, as problem details. */
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
