import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerCommitments, listCommitmentsOperation } from '@/lib/api/operations/commitments';

export const dynamic = 'force-dynamic';

/** GET /api/v1/commitments (lib/api/operations/commitments.ts). */
export const GET = apiRoute(listCommitmentsOperation, answerCommitments);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
