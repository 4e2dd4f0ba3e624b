import type { ProjectUpdateView } from '@/lib/projects/get-project';
import { projectPhaseLabels, type ProjectPhase } from '@/lib/projects/project-words';
import { formatDate, isoDate } from '@/lib/text/dates';

const label = (phase: string) => projectPhaseLabels[phase as ProjectPhase] ?? phase;

/** A project's updates, newest first, as a timeline: date, council, any phase change, text, links and materials. */
export function UpdateTimeline({ updates }: { updates: ProjectUpdateView[] }) {
  if (updates.length === 0) return <p className="govuk-body">No updates yet.</p>;
  return (
    <ol className="app-update-timeline">
      {updates.map((update) => (
        <li key={update.id} id={`update-${update.id}`} className="app-update-timeline__item">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            <time dateTime={isoDate(`${update.postedOn}T12:00:00Z`)}>{formatDate(`${update.postedOn}T12:00:00Z`)}</time>
          </h3>
          {update.council ? <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-1">{update.council}</p> : null}
          {update.phaseTo ? (
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
              Moved from {label(update.phaseFrom ?? '')} to {label(update.phaseTo)}
            </p>
          ) : null}
          <p className="govuk-body app-update-timeline__body">{update.body}</p>
          {update.links.length || update.materials.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {update.materials.map((m) => (
                <li key={m.id}>
                  Material:{' '}
                  <a className="govuk-link" href={`/materials/${m.id}`}>
                    {m.title}
                  </a>
                </li>
              ))}
              {update.links.map((link, i) => (
                <li key={i}>
                  <a className="govuk-link" href={link.url} rel="noopener noreferrer">
                    {link.title}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {update.hiddenMaterialCount ? (
            <p className="govuk-body-s govuk-hint">
              {update.hiddenMaterialCount === 1 ? '1 attached material is' : `${update.hiddenMaterialCount} attached materials are`} not shared with you.
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
