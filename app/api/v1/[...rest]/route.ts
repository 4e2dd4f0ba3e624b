import { observeRequest } from '@/lib/http/observe-request';
import { problemResponse } from '@/lib/api/problem';

export const dynamic = 'force-dynamic';

/** Any other address under /api/v1, with any method: a problem-details 404, not the site's HTML page. */
export const GET = observeRequest('api', async () => problemResponse('not-found', 'Page not found'));
export const POST = GET;
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
