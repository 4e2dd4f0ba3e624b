import type { ReactNode } from 'react';
import { Button, NotificationBanner } from '@/app/_components/govuk';
import type { MaterialDetail } from '@/lib/materials/get-material';
import { formatDate } from '@/lib/text/dates';

/** Shown instead of the success banner on a withdrawn material: why, when, who can still open it. */
export function WithdrawnBanner({ material, done }: { material: MaterialDetail; done: ReactNode }) {
  const withdrawn = material.withdrawn!;
  return (
    <NotificationBanner title="Withdrawn" heading="This material has been withdrawn">
      {done}
      <p className="govuk-body">
        <strong>Reason:</strong> {withdrawn.reason}
      </p>
      <p className="govuk-body">
        Withdrawn on {formatDate(withdrawn.at)}. It does not appear in search or lists, and only members of{' '}
        {material.council?.name ?? 'the council that shared it'} and site administrators can open it.
      </p>
      {material.permissions.canChange ? (
        <form method="post" action={`/materials/${material.id}/restore`}>
          <Button variant="secondary" className="govuk-!-margin-bottom-0">
            Restore<span className="govuk-visually-hidden"> {material.title}</span>
          </Button>
        </form>
      ) : null}
    </NotificationBanner>
  );
}
