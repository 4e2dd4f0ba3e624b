import { observeRequest } from '@/lib/http/observe-request';
import { ATOM_CONTENT_TYPE, openDataNotFound, openDataResponse } from '@/lib/http/open-data-response';
import { publicProjectUpdatesFeed } from '@/lib/open-data/project-feeds';
import { siteAddress } from '@/lib/open-data/site-address';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * The Atom feed of a public project's updates, whoever asks (lib/open-data/project-feeds.ts). A project
 * that is not public has no feed, even for its own council's members: a feed is the same for all.
 */
export const GET = observeRequest('open-data', async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const feed = await publicProjectUpdatesFeed(await services(), siteAddress(), (await params).id);
  return feed === undefined ? openDataNotFound() : openDataResponse(feed, ATOM_CONTENT_TYPE);
});
