import { apiRoute } from '@/lib/api/api-route';
import { otherMethods } from '@/lib/api/other-methods';
import { answerSearch, searchOperation } from '@/lib/api/operations/search';

export const dynamic = 'force-dynamic';

/** GET /api/v1/search: the search page as data (lib/api/operations/search.ts). */
export const GET = apiRoute(searchOperation(), answerSearch);

/** Any other method: 405 with Allow, as problem details. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
