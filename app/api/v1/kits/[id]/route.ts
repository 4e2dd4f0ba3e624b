import { apiRoute } from '@/lib/api/api-route';
import { answerKit, getKitOperation } from '@/lib/api/operations/kits';

export const dynamic = 'force-dynamic';

/** GET /api/v1/kits/{id} (lib/api/operations/kits.ts). */
export const GET = apiRoute(getKitOperation, answerKit);
