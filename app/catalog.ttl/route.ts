import { observeRequest } from '@/lib/http/observe-request';
import { openDataResponse, streamOfText } from '@/lib/http/open-data-response';
import { publicCatalogueRecords } from '@/lib/open-data/catalogue/catalogue-records';
import { catalogueTurtle } from '@/lib/open-data/catalogue/dcat-graph';
import { siteAddress } from '@/lib/open-data/site-address';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** The data catalogue as Turtle: the same graph as /catalog.jsonld (see there), streamed the same way. */
export const GET = observeRequest('open-data', async (_request: Request) => {
  const pieces = catalogueTurtle(publicCatalogueRecords(await services()), siteAddress());
  return openDataResponse(streamOfText(pieces), 'text/turtle; charset=utf-8');
});
