import { Button, Select, TextInput } from '@/app/_components/govuk';
import type { CommitmentView } from '@/lib/commitments/get-commitment';
import { evidenceTitleLimit } from '@/lib/commitments/commitment-words';
import type { Choice } from '@/lib/forms/choice';
import { EvidenceItem, evidenceName } from './evidence-item';

/**
 * The evidence attached to a commitment, and for the council's members the forms to add a material,
 * a project or a link and to remove any of them. Plain forms, each posting to its own route.
 */
export function EvidenceSection({
  commitment,
  materials,
  projects,
  errors,
  values,
}: {
  commitment: CommitmentView;
  materials: Choice[];
  projects: Choice[];
  errors: Record<string, string>;
  values: Record<string, string | undefined>;
}) {
  const base = `/commitments/${commitment.id}`;
  return (
    <section aria-labelledby="evidence-heading" id="evidence">
      <h2 className="govuk-heading-m" id="evidence-heading">
        Evidence
      </h2>
      {commitment.evidence.length === 0 && commitment.hiddenEvidenceCount === 0 ? <p className="govuk-body">No evidence has been added yet.</p> : null}
      {commitment.evidence.length > 0 ? (
        <ul className="govuk-list">
          {commitment.evidence.map((item) => (
            <li key={item.id} className="govuk-!-margin-bottom-3">
              <EvidenceItem item={item} />
              {commitment.can.addEvidence ? (
                <form method="post" action={`${base}/evidence/remove`} className="govuk-!-display-inline-block govuk-!-margin-left-2">
                  <input type="hidden" name="evidence" value={item.id} />
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                    Remove<span className="govuk-visually-hidden"> {evidenceName(item)}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {commitment.hiddenEvidenceCount > 0 ? (
        <p className="govuk-body">
          {commitment.hiddenEvidenceCount === 1
            ? '1 more piece of evidence is a material or project not shared with you.'
            : `${commitment.hiddenEvidenceCount} more pieces of evidence are materials or projects not shared with you.`}
        </p>
      ) : null}
      {commitment.can.addEvidence ? (
        <>
          <h3 className="govuk-heading-s">Add one of your council’s materials</h3>
          {materials.length === 0 ? (
            <p className="govuk-body">
              Your council has no published materials yet. <a className="govuk-link" href="/materials/new">Share a material</a> first.
            </p>
          ) : (
            <form method="post" action={`${base}/evidence/material`} noValidate>
              <Select
                id="material"
                name="material"
                label="Material"
                options={[{ value: '', label: 'Choose a material' }, ...materials]}
                defaultValue={values.material ?? ''}
                error={errors.material}
              />
              <Button variant="secondary" preventDoubleClick>
                Add material as evidence
              </Button>
            </form>
          )}
          <h3 className="govuk-heading-s">Add a project</h3>
          {projects.length === 0 ? (
            <p className="govuk-body">
              Your council has no projects on the hub yet, and is not a partner in any. <a className="govuk-link" href="/projects/new">Register a project</a> first.
            </p>
          ) : (
            <form method="post" action={`${base}/evidence/project`} noValidate>
              <Select
                id="project"
                name="project"
                label="Project"
                hint="One of your council’s projects, or one it is a partner in. People who cannot see the project will not see it here either."
                options={[{ value: '', label: 'Choose a project' }, ...projects]}
                defaultValue={values.project ?? ''}
                error={errors.project}
              />
              <Button variant="secondary" preventDoubleClick>
                Add project as evidence
              </Button>
            </form>
          )}
          <h3 className="govuk-heading-s">Add a link</h3>
          <form method="post" action={`${base}/evidence/link`} noValidate>
            <TextInput
              id="url"
              name="url"
              type="url"
              label="Web address"
              hint="For example, a blog post or a page on your council’s website. It must start with https:// or http://."
              defaultValue={values.url}
              error={errors.url}
              spellCheck={false}
              autoComplete="url"
            />
            <TextInput
              id="title"
              name="title"
              label="Title of the link"
              hint={`What readers will see instead of the address. ${evidenceTitleLimit} characters or fewer.`}
              defaultValue={values.title}
              error={errors.title}
            />
            <Button variant="secondary" preventDoubleClick>
              Add link as evidence
            </Button>
          </form>
        </>
      ) : null}
    </section>
  );
}
