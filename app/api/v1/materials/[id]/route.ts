import { apiRoute } from '@/lib/api/api-route';
import { answerMaterial, getMaterialOperation } from '@/lib/api/operations/materials';

export const dynamic = 'force-dynamic';

/** GET /api/v1/materials/{id}: a material with its versions (lib/api/operations/materials.ts). */
export const GET = apiRoute(getMaterialOperation, answerMaterial);
