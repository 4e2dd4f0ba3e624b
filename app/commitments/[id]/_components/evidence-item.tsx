import type { CommitmentEvidenceItem } from '@/lib/commitments/get-commitment';
import { formatDate } from '@/lib/text/dates';

/** What a piece of evidence is called: for the hidden part of its "Remove" button. */
export function evidenceName(item: CommitmentEvidenceItem): string {
  switch (item.kind) {
    case 'material':
      return item.material.title;
    case 'project':
      return item.project.name;
    case 'link':
      return item.title;
  }
}

/** One piece of evidence on a commitment's page: a link to it, and what kind of thing it is. */
export function EvidenceItem({ item }: { item: CommitmentEvidenceItem }) {
  switch (item.kind) {
    case 'material':
      return (
        <>
          <a className="govuk-link" href={`/materials/${item.material.id}`}>
            {item.material.title}
          </a>{' '}
          <span className="govuk-body-s">(material on the hub, added {formatDate(item.addedAt)})</span>
        </>
      );
    case 'project':
      return (
        <>
          <a className="govuk-link" href={`/projects/${item.project.id}`}>
            {item.project.name}
          </a>{' '}
          <span className="govuk-body-s">
            (project by {item.project.council}, added {formatDate(item.addedAt)})
          </span>
        </>
      );
    case 'link':
      return (
        <>
          <a className="govuk-link" href={item.url} rel="noopener noreferrer nofollow">
            {item.title}
          </a>{' '}
          <span className="govuk-body-s">
            (link to {new URL(item.url).hostname}, added {formatDate(item.addedAt)})
          </span>
        </>
      );
  }
}
