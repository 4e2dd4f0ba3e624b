import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerDownload, downloadVersionOperation } from '@/lib/api/operations/materials';

export const dynamic = 'force-dynamic';

/** GET /api/v1/materials/{id}/versions/{version}/download: one version's file, through the page's own download code. */
export const GET = apiRoute(downloadVersionOperation, answerDownload);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
