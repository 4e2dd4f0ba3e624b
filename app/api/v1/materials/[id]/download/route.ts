import { apiRoute } from '@/lib/api/api-route';
import { answerDownload, downloadMaterialOperation } from '@/lib/api/operations/materials';

export const dynamic = 'force-dynamic';

/** GET /api/v1/materials/{id}/download: the current file, through the page's own download code. */
export const GET = apiRoute(downloadMaterialOperation, answerDownload);
