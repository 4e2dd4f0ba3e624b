import type { Metadata } from 'next';
import { FollowButton } from '@/app/_components/follow-button';
import { Button, ErrorSummary, NotificationBanner, Select, SummaryList, type SummaryListRow } from '@/app/_components/govuk';
import { errorsByField, loadFormAttempt, textValue, type FormAttempt, type FormName } from '@/lib/forms/form-attempts';
import { findFollow } from '@/lib/following/list-follows';
import { feedAlternates } from '@/lib/open-data/feed-links';
import { visibilityInWords } from '@/lib/materials/visibility-words';
import type { ProjectView } from '@/lib/projects/get-project';
import { inviteCouncilChoices } from '@/lib/projects/project-form-choices';
import { collaborationLabels, fundingSourceLabels, projectStatusLabels, projectStatuses } from '@/lib/projects/project-words';
import { formatDate } from '@/lib/text/dates';
import { PhaseTag, StatusNote } from '../_components/phase-tag';
import { loadProject } from './_components/load-project';
import { PhaseTimeline } from './_components/phase-timeline';
import { UpdateTimeline } from './_components/update-timeline';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const pageForms: FormName[] = ['project-partner', 'project-status', 'project-invitation'];

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { project } = await loadProject(id);
  const { attempt } = await searchParams;
  return {
    title: `${typeof attempt === 'string' ? 'Error: ' : ''}${project.name}`,
    // Only a public project has a feed (a feed is the same for everyone): linking one that answers 404 would mislead.
    alternates: project.visibility === 'public' ? feedAlternates(`/projects/${project.id}/feed`, `Updates on ${project.name} (Atom feed)`) : undefined,
  };
}

const doneMessages: Record<string, string> = {
  registered: 'Your project was registered.',
  updated: 'Your changes were saved.',
  posted: 'Your update was posted.',
  invited: 'The council was invited. Its members can accept on this page.',
  accepted: 'Your council is now a partner on this project.',
  declined: 'The invitation was declined.',
  status: 'The project’s status was changed.',
};

const day = (d: string) => formatDate(`${d}T12:00:00Z`);

/**
 * A council's project: what it is, who to contact, partner councils, links, its phases over time, its
 * materials by phase and its updates. Partners accept invitations here; admins pause or finish it.
 */
export default async function ProjectPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { hub, viewer, project } = await loadProject(id);
  const { attempt: attemptId, done } = await searchParams;
  let attempt: FormAttempt | undefined;
  for (const form of pageForms) attempt ??= await loadFormAttempt(hub, viewer, form, project.id, attemptId);
  const errors = errorsByField(attempt);
  const [councils, followId] = await Promise.all([
    project.can.invite ? inviteCouncilChoices(hub, project.council.id) : Promise.resolve([]),
    findFollow(hub, viewer, 'project', project.id),
  ]);
  const base = `/projects/${project.id}`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        {typeof done === 'string' && doneMessages[done] ? <NotificationBanner type="success">{doneMessages[done]}</NotificationBanner> : null}
        {project.can.answerInvitation ? (
          <NotificationBanner title="Invitation" heading={`${project.council.name} invited your council to be a partner on this project.`}>
            <p className="govuk-body">As a partner, your council’s members can post updates to it.</p>
            <div className="govuk-button-group">
              <form method="post" action={`${base}/invitation`}>
                <input type="hidden" name="answer" value="accept" />
                <Button preventDoubleClick>Accept</Button>
              </form>
              <form method="post" action={`${base}/invitation`}>
                <input type="hidden" name="answer" value="decline" />
                <Button variant="secondary" preventDoubleClick>
                  Decline
                </Button>
              </form>
            </div>
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">Project by {project.council.name}</span>
        <h1 className="govuk-heading-l">{project.name}</h1>
        <p className="govuk-body">
          <PhaseTag phase={project.phase} /> <StatusNote status={project.status} />
        </p>
        {project.quietForDays ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Last updated {project.quietForDays} days ago.
            </strong>
          </div>
        ) : null}
        <FollowButton
          viewer={viewer}
          kind="project"
          target={project.id}
          followId={followId}
          label={project.name}
          returnTo={base}
          hint="Get an email when it has a new update or moves phase. You choose how often."
        />
        {project.visibility === 'public' ? (
          <p className="govuk-body-s">
            <a className="govuk-link" href={`${base}/feed`}>
              Subscribe to this project’s updates (Atom feed)
            </a>
          </p>
        ) : null}
        <p className="govuk-body app-update-timeline__body">{project.summary}</p>
        <SummaryList rows={rows(project)} />
        {project.links.length ? (
          <section aria-labelledby="links-heading">
            <h2 className="govuk-heading-m" id="links-heading">
              Links
            </h2>
            <ul className="govuk-list govuk-list--bullet">
              {project.links.map((link, i) => (
                <li key={i}>
                  <a className="govuk-link" href={link.url} rel="noopener noreferrer">
                    {link.title}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="partners-heading">
          <h2 className="govuk-heading-m" id="partners-heading">
            Partner councils
          </h2>
          {project.partners.length ? (
            <ul className="govuk-list">
              {project.partners.map((p) => (
                <li key={p.slug}>
                  <a className="govuk-link" href={`/organisations/${encodeURIComponent(p.slug)}`}>
                    {p.name}
                  </a>
                  {p.accepted ? '' : ' (invited)'}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No partner councils yet.</p>
          )}
          {project.can.invite ? (
            <form method="post" action={`${base}/partners`}>
              <Select
                id="council"
                name="council"
                label="Invite a council to be a partner"
                labelClassName="govuk-label--s"
                hint="Its members can then post updates to this project."
                options={[{ value: '', label: 'Choose a council' }, ...councils]}
                defaultValue={textValue(attempt?.values, 'council') ?? ''}
                error={errors.council}
              />
              <Button variant="secondary" preventDoubleClick>
                Invite council
              </Button>
            </form>
          ) : null}
        </section>
        <PhaseTimeline spans={project.phaseSpans} />
        <section aria-labelledby="materials-heading">
          <h2 className="govuk-heading-m" id="materials-heading">
            Materials
          </h2>
          {project.materialsByPhase.length === 0 ? <p className="govuk-body">No materials you can see belong to this project yet.</p> : null}
          {project.materialsByPhase.map((group) => (
            <div key={group.phase}>
              <h3 className="govuk-heading-s">{group.label}</h3>
              <ul className="govuk-list govuk-list--bullet">
                {group.items.map((m) => (
                  <li key={m.id}>
                    <a className="govuk-link" href={`/materials/${m.id}`}>
                      {m.title}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <section aria-labelledby="updates-heading">
          <h2 className="govuk-heading-m" id="updates-heading">
            Updates
          </h2>
          {project.can.postUpdate ? (
            <Button href={`${base}/updates/new`} variant="secondary">
              Post an update
            </Button>
          ) : null}
          <UpdateTimeline updates={project.updates} />
        </section>
        {project.can.changeStatus ? (
          <section aria-labelledby="status-heading">
            <h2 className="govuk-heading-m" id="status-heading">
              Is the project still going?
            </h2>
            <form method="post" action={`${base}/status`}>
              <Select
                id="status"
                name="status"
                label="Status"
                hint="Mark it paused or finished when work has stopped, so other councils know."
                options={projectStatuses.map((s) => ({ value: s, label: projectStatusLabels[s] }))}
                defaultValue={project.status}
                error={errors.status}
              />
              <Button variant="secondary" preventDoubleClick>
                Save status
              </Button>
            </form>
          </section>
        ) : null}
        {project.can.edit ? (
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href={`${base}/edit`}>
                Change this project
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${base}/delete`}>
                Delete this project
              </a>
            </li>
          </ul>
        ) : null}
        <p className="govuk-body">
          <a className="govuk-link" href="/projects">
            All projects
          </a>
        </p>
      </div>
    </div>
  );
}

function rows(project: ProjectView): SummaryListRow[] {
  const rows: SummaryListRow[] = [
    {
      key: 'Council',
      value: (
        <a className="govuk-link" href={`/organisations/${encodeURIComponent(project.council.slug)}`}>
          {project.council.name}
        </a>
      ),
    },
    { key: 'Service areas', value: project.topics.length ? project.topics.map((t) => t.label).join(', ') : 'Not given' },
  ];
  if (project.lgslCodes.length) rows.push({ key: 'LGSL codes', value: project.lgslCodes.join(', ') });
  rows.push(
    { key: 'Started', value: `${day(project.startOn)}${project.startEstimated ? ' (estimated)' : ''}` },
    { key: 'Expected to end', value: project.expectedEndOn ? `${day(project.expectedEndOn)}${project.endEstimated ? ' (estimated)' : ''}` : 'Not given' },
    { key: 'Open to', value: project.collaboration.length ? project.collaboration.map((c) => collaborationLabels[c]).join(', ') : 'Not given' },
    {
      key: 'Funding',
      value: [project.fundingSource ? fundingSourceLabels[project.fundingSource] : '', project.fundingDetail].filter(Boolean).join(': ') || 'Not given',
    },
    { key: 'Who can see it', value: visibilityInWords(project.visibility, project.council.name).replace('find and download it', 'see it') },
    { key: 'Last updated', value: day(project.lastUpdatedOn) },
  );
  if (project.contact) {
    rows.push({
      key: 'Contact',
      value: (
        <>
          {project.contact.name}, {project.contact.council}
          {project.contact.email ? (
            <>
              <br />
              <a className="govuk-link" href={`mailto:${project.contact.email}`}>
                {project.contact.email}
              </a>
            </>
          ) : null}
        </>
      ),
    });
  }
  return rows;
}
