import type { Metadata } from 'next';
import { BackLink, Button } from '@/app/_components/govuk';
import { CannotChange } from '../_components/cannot-change';
import { materialForChange } from '../_components/material-for-change';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { material } = await materialForChange(id, 'delete', `/materials/${id}/delete`);
  return { title: `Delete ${material.title}` };
}

/** Asks a site admin before deleting a material for good. */
export default async function DeleteMaterialPage({ params }: Props) {
  const { id } = await params;
  const { material, allowed } = await materialForChange(id, 'delete', `/materials/${id}/delete`);
  if (!allowed) return <CannotChange material={material} what="delete" />;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/materials/${material.id}`}>Back to the material</BackLink>
        <span className="govuk-caption-l">{material.council?.name ?? 'Delete a material'}</span>
        <h1 className="govuk-heading-l">Are you sure you want to delete ‘{material.title}’?</h1>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This deletes the material, every version of its file and its search entry. It cannot be undone.
          </strong>
        </div>
        <p className="govuk-body">
          If it only needs to be hidden for now, its council can{' '}
          <a className="govuk-link" href={`/materials/${material.id}/withdraw`}>
            withdraw it
          </a>{' '}
          instead.
        </p>
        <form method="post" action={`/materials/${material.id}/delete/confirm`}>
          <div className="govuk-button-group">
            <Button variant="warning" preventDoubleClick>
              Delete for good
            </Button>
            <a className="govuk-link" href={`/materials/${material.id}`}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
