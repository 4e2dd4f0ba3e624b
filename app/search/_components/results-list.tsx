import { formatBytes, formatByCode } from '@/lib/formats/file-formats';
import { formatDate } from '@/lib/text/dates';
import type { SearchHit } from '@/lib/search/search-engine';
import { HighlightedText } from './highlighted-text';
import { inServiceOrder, vocabularyLabels } from './labels';
import { ResultThumbnail } from '@/app/_components/thumbnail';

/** "PDF, 2.4 MB" for a hit's latest file. */
export function fileDescription(hit: Pick<SearchHit, 'format' | 'sizeBytes'>): string | null {
  if (!hit.format) return null;
  const format = formatByCode(hit.format)?.label ?? hit.format.toUpperCase();
  return hit.sizeBytes === null ? format : `${format}, ${formatBytes(hit.sizeBytes)}`;
}

/** Search results: highlighted title and summary, council, file and date, type and phases. */
export function ResultsList({ hits, headingLevel = 3 }: { hits: SearchHit[]; headingLevel?: 2 | 3 }) {
  const labels = vocabularyLabels();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="app-results">
      {hits.map((hit) => {
        const file = fileDescription(hit);
        return (
          <li key={hit.id} className="app-results__item">
            <ResultThumbnail thumbnail={hit.thumbnail} />
            <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
              <a className="govuk-link" href={`/materials/${encodeURIComponent(hit.id)}`}>
                <HighlightedText segments={hit.highlights.title} />
              </a>
            </Heading>
            <p className="app-results__meta govuk-!-margin-bottom-2">
              {hit.council ? <>{hit.council.name} · </> : null}
              {file ? <>{file} · </> : null}
              Shared on <time dateTime={hit.createdAt}>{formatDate(hit.createdAt)}</time>
            </p>
            {hit.highlights.summary.length > 0 ? (
              <p className="govuk-body govuk-!-margin-bottom-2">
                <HighlightedText segments={hit.highlights.summary} />
              </p>
            ) : null}
            {hit.highlights.text.length > 0 ? (
              // Where the words occur inside the file: what people half-remember is often in there.
              <p className="govuk-body-s app-results__snippet govuk-!-margin-bottom-2">
                <span className="app-results__snippet-label">In the file: </span>
                <HighlightedText segments={hit.highlights.text} />
              </p>
            ) : null}
            {/* Plain text rather than tags: long type names wrapped into tall grey blocks. */}
            <p className="app-results__meta govuk-!-margin-bottom-0">
              {labels.artefactType(hit.artefactType)}
              {hit.phases.length > 0 ? <> · {inServiceOrder(hit.phases).map(labels.phase).join(', ')}</> : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
