import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerCouncils, listCouncilsOperation } from '@/lib/api/operations/councils';

export const dynamic = 'force-dynamic';

/** GET /api/v1/councils (lib/api/operations/councils.ts). */
export const GET = apiRoute(listCouncilsOperation, answerCouncils);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
