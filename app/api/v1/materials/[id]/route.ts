import { apiRoute } from '@/lib/api/api-route';
import { apiWriteRoute } from '@/lib/api/api-write-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerChangeMaterial, changeMaterialOperation } from '@/lib/api/operations/material-writes';
import { answerMaterial, getMaterialOperation } from '@/lib/api/operations/materials';

export const dynamic = 'force-dynamic';

/** GET /api/v1/materials/{id}: a material with its versions (lib/api/operations/materials.ts). */
export const GET = apiRoute(getMaterialOperation, answerMaterial);

/** PATCH /api/v1/materials/{id}: change its details, as the edit form (lib/api/operations/material-writes.ts). */
export const PATCH = apiWriteRoute(changeMaterialOperation, answerChangeMaterial);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, DELETE, OPTIONS } = otherMethods('GET', 'PATCH');
