import { observeRequest } from '@/lib/http/observe-request';
import { ATOM_CONTENT_TYPE, openDataNotFound, openDataResponse } from '@/lib/http/open-data-response';
import { publicOrganisationFeed } from '@/lib/open-data/public-feeds';
import { siteAddress } from '@/lib/open-data/site-address';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * The Atom feed of a council's newest public materials, whoever asks (lib/open-data/public-feeds.ts):
 * never its 'councils' or private ones, even for its own members, since a feed is the same for all.
 */
export const GET = observeRequest('open-data', async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const feed = await publicOrganisationFeed(await services(), siteAddress(), (await params).slug);
  return feed === undefined ? openDataNotFound() : openDataResponse(feed, ATOM_CONTENT_TYPE);
});
