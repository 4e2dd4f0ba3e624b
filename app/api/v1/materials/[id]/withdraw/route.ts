import { apiWriteRoute } from '@/lib/api/api-write-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerWithdrawMaterial, withdrawMaterialOperation } from '@/lib/api/operations/material-writes';

export const dynamic = 'force-dynamic';

/** POST /api/v1/materials/{id}/withdraw: withdraw it with a reason, as the withdraw form (lib/api/operations/material-writes.ts). */
export const POST = apiWriteRoute(withdrawMaterialOperation, answerWithdrawMaterial);

/** Any other method: 405 with Allow, as problem details. */
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
