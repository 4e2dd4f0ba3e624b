import type { PhaseSpan } from '@/lib/projects/project-timeline';
import { projectPhaseLabels, type ProjectPhase } from '@/lib/projects/project-words';
import { formatDate, isoDate } from '@/lib/text/dates';

const day = (d: string) => formatDate(`${d}T12:00:00Z`);

/**
 * The project's phases over time, as an ordered list drawn as a timeline: it reads the same to a
 * screen reader ("Discovery, from 3 November 2026 to 1 December 2026") as it looks.
 */
export function PhaseTimeline({ spans }: { spans: PhaseSpan[] }) {
  return (
    <section aria-labelledby="phases-heading">
      <h2 className="govuk-heading-m" id="phases-heading">
        Phases over time
      </h2>
      <ol className="app-phase-timeline">
        {spans.map((span, i) => (
          <li key={i} className={`app-phase-timeline__item${span.until === null ? ' app-phase-timeline__item--current' : ''}`}>
            <span className="govuk-body govuk-!-font-weight-bold">{projectPhaseLabels[span.phase as ProjectPhase] ?? span.phase}</span>
            <span className="govuk-body-s app-phase-timeline__dates">
              {' '}
              from <time dateTime={isoDate(`${span.from}T12:00:00Z`)}>{day(span.from)}</time>
              {span.until ? (
                <>
                  {' '}
                  to <time dateTime={isoDate(`${span.until}T12:00:00Z`)}>{day(span.until)}</time>
                </>
              ) : (
                ' (now)'
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
