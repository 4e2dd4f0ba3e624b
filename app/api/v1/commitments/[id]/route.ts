import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerCommitment, getCommitmentOperation } from '@/lib/api/operations/commitments';

export const dynamic = 'force-dynamic';

/** GET /api/v1/commitments/{id} (lib/api/operations/commitments.ts). */
export const GET = apiRoute(getCommitmentOperation, answerCommitment);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
