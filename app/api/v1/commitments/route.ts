import { apiRoute } from '@/lib/api/api-route';
import { answerCommitments, listCommitmentsOperation } from '@/lib/api/operations/commitments';

export const dynamic = 'force-dynamic';

/** GET /api/v1/commitments (lib/api/operations/commitments.ts). */
export const GET = apiRoute(listCommitmentsOperation, answerCommitments);
