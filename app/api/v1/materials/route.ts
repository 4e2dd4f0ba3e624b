import { apiWriteRoute } from '@/lib/api/api-write-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerCreateMaterial, createMaterialOperation } from '@/lib/api/operations/material-writes';

export const dynamic = 'force-dynamic';

/** POST /api/v1/materials: share a material with its file, streamed, as the share form (lib/api/operations/material-writes.ts). */
export const POST = apiWriteRoute(createMaterialOperation, answerCreateMaterial);

/** Any other method: 405 with Allow, as problem details. */
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
