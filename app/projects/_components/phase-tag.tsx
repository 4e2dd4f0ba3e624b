import { Tag, type TagColour } from '@/app/_components/govuk';
import { projectPhaseLabels, projectStatusLabels, type ProjectPhase, type ProjectStatus } from '@/lib/projects/project-words';

// Discovery keeps the default (blue) tag.
const phaseColours: Record<ProjectPhase, TagColour | undefined> = { idea: 'grey', discovery: undefined, alpha: 'purple', beta: 'teal', live: 'green', retired: 'grey' };

export function PhaseTag({ phase }: { phase: ProjectPhase }) {
  return <Tag colour={phaseColours[phase]}>{projectPhaseLabels[phase]}</Tag>;
}

/** Shown only when a project is not active. */
export function StatusNote({ status }: { status: ProjectStatus }) {
  return status === 'active' ? null : <Tag colour={status === 'paused' ? 'yellow' : 'grey'}>{projectStatusLabels[status]}</Tag>;
}
