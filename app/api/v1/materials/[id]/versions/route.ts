import { apiWriteRoute } from '@/lib/api/api-write-route';
import { otherMethods } from '@/lib/api/other-methods';
import { addVersionOperation, answerAddVersion } from '@/lib/api/operations/material-writes';

export const dynamic = 'force-dynamic';

/** POST /api/v1/materials/{id}/versions: a new file as the next version, as the replace form (lib/api/operations/material-writes.ts). */
export const POST = apiWriteRoute(addVersionOperation, answerAddVersion);

/** Any other method: 405 with Allow, as problem details. */
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
