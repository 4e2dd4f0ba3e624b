import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerDownload, downloadMaterialOperation } from '@/lib/api/operations/materials';

export const dynamic = 'force-dynamic';

/** GET /api/v1/materials/{id}/download: the current file, through the page's own download code. */
export const GET = apiRoute(downloadMaterialOperation, answerDownload);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
