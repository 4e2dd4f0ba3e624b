import { observeRequest } from '@/lib/http/observe-request';
import { openDataResponse, streamOfText } from '@/lib/http/open-data-response';
import { publicCatalogueRecords } from '@/lib/open-data/catalogue/catalogue-records';
import { catalogueJsonLd } from '@/lib/open-data/catalogue/dcat-graph';
import { siteAddress } from '@/lib/open-data/site-address';
import { services } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * The data catalogue (DCAT, JSON-LD) of every public material, for harvesters such as CKAN's
 * ckanext-dcat: public and published only, whoever asks (publicInterfaceViewer), streamed from the
 * database a page of rows at a time. The same graph as /catalog.ttl.
 */
export const GET = observeRequest('open-data', async (_request: Request) => {
  const pieces = catalogueJsonLd(publicCatalogueRecords(await services()), siteAddress());
  return openDataResponse(streamOfText(pieces), 'application/ld+json; charset=utf-8');
});
