import { Select } from '@/app/_components/govuk';

/**
 * "Which project is it part of?" on the share and edit forms: the council's projects and those it is a
 * partner in. Left out when there are none, so the material stays as it is.
 */
export function ProjectField({ projects, value, error }: { projects: { value: string; label: string }[]; value: string | undefined; error: string | undefined }) {
  if (projects.length === 0) return null;
  return (
    <Select
      id="project"
      name="project"
      label="Which project is it part of? (optional)"
      labelClassName="govuk-label--m"
      hint="It will be listed on the project’s page, and its page will link to the project."
      options={[{ value: '', label: 'Not part of a project' }, ...projects]}
      defaultValue={value ?? ''}
      error={error}
    />
  );
}
