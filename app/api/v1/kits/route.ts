import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerKits, listKitsOperation } from '@/lib/api/operations/kits';

export const dynamic = 'force-dynamic';

/** GET /api/v1/kits (lib/api/operations/kits.ts). */
export const GET = apiRoute(listKitsOperation, answerKits);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
