import type { MaterialDetail } from '@/lib/materials/get-material';

/** Links to change, replace, withdraw or delete: only those the viewer may use. */
export function ChangeLinks({ material }: { material: MaterialDetail }) {
  const base = `/materials/${material.id}`;
  const hidden = <span className="govuk-visually-hidden"> {material.title}</span>;
  return (
    <>
      <h2 className="govuk-heading-m">Change this material</h2>
      <ul className="govuk-list">
        {material.permissions.canChange ? (
          <>
            <li>
              <a className="govuk-link" href={`${base}/edit`}>
                Change the details{hidden}
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${base}/check`}>
                See the check of the file{hidden}
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${base}/replace`}>
                Replace the file{hidden}
              </a>
            </li>
            {material.status === 'published' ? (
              <li>
                <a className="govuk-link" href={`${base}/withdraw`}>
                  Withdraw{hidden}
                </a>
              </li>
            ) : null}
          </>
        ) : null}
        {material.permissions.canDelete ? (
          <li>
            <a className="govuk-link" href={`${base}/delete`}>
              Delete{hidden} for good
            </a>
          </li>
        ) : null}
      </ul>
    </>
  );
}
