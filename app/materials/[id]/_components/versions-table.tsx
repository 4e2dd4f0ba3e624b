import { Table } from '@/app/_components/govuk';
import { formatBytes } from '@/lib/formats/file-formats';
import type { MaterialDetail } from '@/lib/materials/get-material';
import type { MaterialVersionSummary } from '@/lib/materials/list-material-versions';
import { formatDate } from '@/lib/text/dates';

/**
 * Every version of the file, newest first, each downloadable (old versions inherit the material's
 * permissions); an older one also has its own page, to preview it and make it current again.
 */
export function Versions({ material, versions }: { material: MaterialDetail; versions: MaterialVersionSummary[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Versions</h2>
      {versions.length < 2 ? <p className="govuk-body">This is the first version of the file.</p> : null}
      <Table
        caption="Versions of the file, newest first"
        rowHeaders
        columns={[{ header: 'Version' }, { header: 'Details' }, { header: 'Actions', headerHidden: true, numeric: true }]}
        rows={versions.map((v) => ({
          key: v.versionNumber,
          cells: [
            <>
              {v.versionNumber}
              {v.isCurrent ? (
                <>
                  {' '}
                  <span className="govuk-body-s">(current)</span>
                </>
              ) : null}
            </>,
            <>
              <span className="app-break-anywhere">{v.fileName}</span>
              <br />
              <span className="govuk-body-s">
                {v.formatLabel}, {formatBytes(v.sizeBytes)}. Uploaded {formatDate(v.uploadedAt)}
                {v.uploadedBy ? ` by ${v.uploadedBy}` : ''}.
              </span>
              {v.changeNote ? (
                <>
                  <br />
                  {v.changeNote}
                </>
              ) : null}
            </>,
            <ul key="actions" className="govuk-summary-list__actions-list">
              {v.isCurrent ? null : (
                <li className="govuk-summary-list__actions-list-item">
                  <a className="govuk-link" href={`/materials/${material.id}/versions/${v.versionNumber}`}>
                    Preview<span className="govuk-visually-hidden"> version {v.versionNumber} of {material.title}</span>
                  </a>
                </li>
              )}
              <li className="govuk-summary-list__actions-list-item">
                <a className="govuk-link" href={`/materials/${material.id}/versions/${v.versionNumber}/download`}>
                  Download<span className="govuk-visually-hidden"> version {v.versionNumber} of {material.title}</span>
                </a>
              </li>
            </ul>,
          ],
        }))}
      />
    </>
  );
}
