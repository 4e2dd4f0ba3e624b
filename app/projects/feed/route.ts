import { observeRequest } from '@/lib/http/observe-request';
import { ATOM_CONTENT_TYPE, openDataResponse } from '@/lib/http/open-data-response';
import { publicProjectsFeed } from '@/lib/open-data/project-feeds';
import { siteAddress } from '@/lib/open-data/site-address';
import { readProjectFilters } from '@/lib/projects/list-projects';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * The Atom feed of public projects, with the filters of /projects (read by the page's own forgiving
 * reader: a value it would ignore is ignored here too), whoever asks (lib/open-data/project-feeds.ts).
 */
export const GET = observeRequest('open-data', async (request: Request) => {
  const filters = readProjectFilters(Object.fromEntries(new URL(request.url).searchParams));
  return openDataResponse(await publicProjectsFeed(await services(), siteAddress(), filters), ATOM_CONTENT_TYPE);
});
