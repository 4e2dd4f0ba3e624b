import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerOpenApi, openApiOperation } from '@/lib/api/operations/openapi';

export const dynamic = 'force-dynamic';

/** GET /api/v1/openapi.json: the API described in OpenAPI 3.1, generated (lib/api/openapi-document.ts). */
export const GET = apiRoute(openApiOperation, answerOpenApi);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
