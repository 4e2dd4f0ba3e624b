import { formatBytes } from '@/lib/formats/file-formats';
import { alternativeFormatLabels } from '@/lib/material-alternatives/alternative-formats';
import type { VersionAlternative } from '@/lib/material-alternatives/list-version-alternatives';

/**
 * "Also available as": the same document in the formats councils edit in (Word, LibreOffice), each a
 * plain link to its download (no JavaScript). `base` is the download address of the file they go
 * with: the material's current file or one version's. Nothing when there are none.
 */
export function AlternativeFormats({ alternatives, base, title }: { alternatives: VersionAlternative[]; base: string; title: string }) {
  if (alternatives.length === 0) return null;
  return (
    <>
      <p className="govuk-body govuk-!-margin-bottom-1" id="alternative-formats-heading">
        Also available as:
      </p>
      <ul className="govuk-list" aria-labelledby="alternative-formats-heading">
        {alternatives.map(({ format, sizeBytes }) => (
          <li key={format}>
            <a className="govuk-link" href={`${base}/${format}`} download>
              {alternativeFormatLabels[format].name} ({alternativeFormatLabels[format].short}, {formatBytes(sizeBytes)})
              <span className="govuk-visually-hidden"> of {title}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
