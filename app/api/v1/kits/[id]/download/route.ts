import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerKitDownload, downloadKitOperation } from '@/lib/api/operations/kits';

export const dynamic = 'force-dynamic';

/** GET /api/v1/kits/{id}/download: the kit page's zip, for the API's viewer (lib/api/operations/kits.ts). */
export const GET = apiRoute(downloadKitOperation, answerKitDownload);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
