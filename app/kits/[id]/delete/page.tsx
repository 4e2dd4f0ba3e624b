import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BackLink, Button } from '@/app/_components/govuk';
import { CannotChangeKit } from '../_components/cannot-change-kit';
import { loadKit } from '../_components/load-kit';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { kit } = await loadKit(id);
  return { title: `Delete ${kit.title}` };
}

/** Delete a kit, after saying what that means. */
export default async function DeleteKitPage({ params }: Props) {
  const { id } = await params;
  const { viewer, kit } = await loadKit(id);
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/kits/${kit.id}/delete`)}`);
  if (!kit.can.change) return <CannotChangeKit kit={kit} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={`/kits/${kit.id}`}>Back to the kit</BackLink>
        <span className="govuk-caption-l">{kit.title}</span>
        <h1 className="govuk-heading-l">Delete this kit</h1>
        <p className="govuk-body">When you delete it:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>the kit, its list and its notes are gone for everyone</li>
          <li>the materials in it are not changed and can still be found and downloaded</li>
        </ul>
        <form method="post" action={`/kits/${kit.id}/delete/confirm`}>
          <div className="govuk-button-group">
            <Button variant="warning" preventDoubleClick>
              Delete kit
            </Button>
            <a className="govuk-link" href={`/kits/${kit.id}`}>
              Keep it
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
