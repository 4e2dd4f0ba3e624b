import { apiRoute } from '@/lib/api/api-route';
import { answerCouncils, listCouncilsOperation } from '@/lib/api/operations/councils';

export const dynamic = 'force-dynamic';

/** GET /api/v1/councils (lib/api/operations/councils.ts). */
export const GET = apiRoute(listCouncilsOperation, answerCouncils);
