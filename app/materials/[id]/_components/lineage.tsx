import type { AdaptedFrom, MaterialLineage } from '@/lib/adapt/get-lineage';

const materialHref = (id: string) => `/materials/${encodeURIComponent(id)}`;
const councilHref = (slug: string) => `/organisations/${encodeURIComponent(slug)}`;

/**
 * Where this material came from: its source, with the attribution the source's licence asks for
 * (lib/auth/licence-terms.ts), or, when the viewer may not see the source, only that it is an
 * adaptation. Shown near the top, before the download: the credit belongs with the file.
 */
export function AdaptedFromNotice({ adaptedFrom }: { adaptedFrom: MaterialLineage['adaptedFrom'] }) {
  if (adaptedFrom === null) return null;
  if (adaptedFrom === 'not-shown') {
    return (
      <div className="govuk-inset-text" data-testid="adapted-from">
        <p className="govuk-body">This material was adapted from another material in the hub.</p>
      </div>
    );
  }
  return (
    <div className="govuk-inset-text" data-testid="adapted-from">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Adapted from</h2>
      <p className="govuk-body">
        <a className="govuk-link" href={materialHref(adaptedFrom.id)}>
          {adaptedFrom.title}
        </a>
        {adaptedFrom.council ? (
          <>
            {' '}by{' '}
            <a className="govuk-link" href={councilHref(adaptedFrom.council.slug)}>
              {adaptedFrom.council.name}
            </a>
          </>
        ) : null}
        , <LicenceLink licence={adaptedFrom.licence} />.
      </p>
      {adaptedFrom.attribution ? <p className="govuk-body govuk-!-margin-bottom-0">{adaptedFrom.attribution}</p> : null}
    </div>
  );
}

function LicenceLink({ licence }: { licence: AdaptedFrom['licence'] }) {
  return licence.url ? (
    <a className="govuk-link" href={licence.url} rel="license">
      {licence.label}
    </a>
  ) : (
    <>{licence.label}</>
  );
}

/**
 * "Adapted by": the adaptations of this material the viewer may see, with their councils, and the
 * way to make one (or why it cannot be made).
 */
export function AdaptedBy({ materialId, lineage, council }: { materialId: string; lineage: MaterialLineage; council: string | null }) {
  return (
    <section id="adapted-by" aria-labelledby="adapted-by-heading">
      <h2 className="govuk-heading-m" id="adapted-by-heading">
        Adapted by
      </h2>
      {lineage.adaptedBy.length === 0 ? (
        <p className="govuk-body">No council has shared an adaptation of this material yet.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {lineage.adaptedBy.map((adaptation) => (
            <li key={adaptation.id}>
              {adaptation.council ? (
                <>
                  <a className="govuk-link" href={councilHref(adaptation.council.slug)}>
                    {adaptation.council.name}
                  </a>
                  :{' '}
                </>
              ) : null}
              <a className="govuk-link" href={materialHref(adaptation.id)}>
                {adaptation.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      {lineage.adapt === 'allowed' || lineage.adapt === 'sign-in' || lineage.adapt === 'join-first' ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`${materialHref(materialId)}/adapt`}>
            Adapt this for your council
          </a>
        </p>
      ) : null}
      {lineage.adapt === 'licence' ? (
        <p className="govuk-body" data-testid="cannot-adapt">
          Its licence does not allow others to share changed versions, so it cannot be adapted here. Ask {council ?? 'whoever shared it'} first.
        </p>
      ) : null}
    </section>
  );
}
