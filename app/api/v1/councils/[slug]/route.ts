import { apiRoute } from '@/lib/api/api-route';
import { answerCouncil, getCouncilOperation } from '@/lib/api/operations/councils';

export const dynamic = 'force-dynamic';

/** GET /api/v1/councils/{slug} (lib/api/operations/councils.ts). */
export const GET = apiRoute(getCouncilOperation, answerCouncil);
