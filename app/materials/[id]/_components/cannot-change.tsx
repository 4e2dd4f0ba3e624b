import { BackLink } from '@/app/_components/govuk';
import type { MaterialDetail } from '@/lib/materials/get-material';

/** Shown to someone who can see a material but may not change (or delete) it. */
export function CannotChange({ material, what = 'change' }: { material: MaterialDetail; what?: 'change' | 'delete' }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        <h1 className="govuk-heading-l">{what === 'delete' ? 'You cannot delete this material' : 'You cannot change this material'}</h1>
        {what === 'delete' ? (
          <p className="govuk-body">Only site administrators can delete a material. Its council can withdraw it instead.</p>
        ) : (
          <p className="govuk-body">
            Only members of {material.council?.name ?? 'the council that shared it'} can change, replace or withdraw it.
          </p>
        )}
      </div>
    </div>
  );
}
