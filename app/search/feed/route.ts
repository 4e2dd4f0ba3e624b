import { observeRequest } from '@/lib/http/observe-request';
import { ATOM_CONTENT_TYPE, openDataResponse } from '@/lib/http/open-data-response';
import { publicSearchFeed } from '@/lib/open-data/public-feeds';
import { siteAddress } from '@/lib/open-data/site-address';
import { services } from '@/lib/runtime';
import { parseSearchParams } from '@/lib/search/search-params';

export const dynamic = 'force-dynamic';

/**
 * The Atom feed of a search: the same words and filters as /search (read by the search page's own
 * parser), the newest public materials only, whoever asks (lib/open-data/public-feeds.ts). It never
 * reads the session: a feed reader never signs in, and a feed must not change with who fetched it.
 */
export const GET = observeRequest('open-data', async (request: Request) => {
  const query = parseSearchParams(new URL(request.url).searchParams);
  return openDataResponse(await publicSearchFeed(await services(), siteAddress(), query), ATOM_CONTENT_TYPE);
});
