import type { SearchHit } from '@/lib/search/search-engine';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';

/** "More like this": related materials the viewer may see (lib/search/related.ts). Nothing when none. */
export function MoreLikeThis({ hits }: { hits: SearchHit[] }) {
  if (hits.length === 0) return null;
  const { artefactTypes } = vocabularies();
  return (
    <section id="more-like-this" aria-labelledby="more-like-this-heading">
      <h2 className="govuk-heading-m" id="more-like-this-heading">
        More like this
      </h2>
      <ul className="govuk-list">
        {hits.map((hit) => (
          <li key={hit.id} className="govuk-!-margin-bottom-3">
            <a className="govuk-link govuk-!-font-weight-bold" href={`/materials/${encodeURIComponent(hit.id)}`}>
              {hit.title}
            </a>
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              {labelOf(artefactTypes, hit.artefactType)}
              {hit.council ? `, ${hit.council.name}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
