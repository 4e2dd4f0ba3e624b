import { apiRoute } from '@/lib/api/api-route';
import { answerKits, listKitsOperation } from '@/lib/api/operations/kits';

export const dynamic = 'force-dynamic';

/** GET /api/v1/kits (lib/api/operations/kits.ts). */
export const GET = apiRoute(listKitsOperation, answerKits);
