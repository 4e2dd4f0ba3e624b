import { apiRoute } from '@/lib/api/api-route';
import { answerCommitment, getCommitmentOperation } from '@/lib/api/operations/commitments';

export const dynamic = 'force-dynamic';

/** GET /api/v1/commitments/{id} (lib/api/operations/commitments.ts). */
export const GET = apiRoute(getCommitmentOperation, answerCommitment);
