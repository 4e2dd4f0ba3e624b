import type { FormAttempt } from '@/lib/forms/form-attempts';
import type { ProjectView } from '@/lib/projects/get-project';
import { linkFields } from '@/lib/projects/project-links';
import type { ProjectFormValues } from './project-form';

const dayParts = (prefix: string, day: string | null): Record<string, string> => {
  if (!day) return {};
  const [year, month, date] = day.split('-') as [string, string, string];
  return { [`${prefix}Day`]: String(Number(date)), [`${prefix}Month`]: String(Number(month)), [`${prefix}Year`]: year };
};

/** The form's answers: as refused (kept in the attempt), else the project as it is, else blank. */
export function projectFormValues(attempt: FormAttempt | undefined, project?: ProjectView, contactUserId?: string): ProjectFormValues {
  if (attempt) return { ...attempt.values };
  if (!project) return {};
  return {
    name: project.name,
    summary: project.summary,
    topics: project.topics.map((t) => t.slug),
    lgsl: project.lgslCodes.join(', '),
    phase: project.phase,
    ...dayParts('start', project.startOn),
    startEstimated: project.startEstimated ? 'yes' : undefined,
    ...dayParts('end', project.expectedEndOn),
    endEstimated: project.endEstimated ? 'yes' : undefined,
    collaboration: project.collaboration,
    fundingSource: project.fundingSource ?? '',
    fundingDetail: project.fundingDetail,
    ...linkFields(project.links),
    visibility: project.visibility,
    contact: contactUserId,
  };
}
