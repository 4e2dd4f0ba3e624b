import { observeRequest } from '@/lib/http/observe-request';
import { streamOfText } from '@/lib/http/open-data-response';
import { searchExportCsv } from '@/lib/open-data/csv-export/search-export';
import { services } from '@/lib/runtime';
import { parseSearchParams } from '@/lib/search/search-params';
import { currentViewer } from '@/lib/sign-in/current-viewer';

export const dynamic = 'force-dynamic';

/**
 * A search's results as a CSV file (up to 5,000 rows), in the bulk import's manifest columns. It
 * follows the viewer like the search page (lib/open-data/csv-export/search-export.ts), so it is theirs
 * alone: never stored by any cache, and always an attachment.
 */
export const GET = observeRequest('open-data', async (request: Request) => {
  const query = parseSearchParams(new URL(request.url).searchParams);
  const pieces = searchExportCsv(await services(), await currentViewer(), query);
  return new Response(streamOfText(pieces), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="discovery-commons-search.csv"',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
