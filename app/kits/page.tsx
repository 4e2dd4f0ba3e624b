import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Button, NotificationBanner } from '@/app/_components/govuk';
import { canMakeKit } from '@/lib/auth/permissions';
import { listKits } from '@/lib/kits/list-kits';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Discovery kits' };

/** Every kit the viewer may see, the hub's starter kits first, each with how many of its materials they can see. */
export default async function KitsPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const viewer = await currentViewer();
  const kits = await listKits(await services(), viewer);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {query.done === 'deleted' ? (
          <NotificationBanner type="success" title="Done">
            The kit was deleted.
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Discovery kits</h1>
        <p className="govuk-body">
          A kit is a list of materials from any council, put together for a piece of work, with a note on each. Download everything in a kit as one zip file.
        </p>
        {canMakeKit(viewer) ? (
          <Button href="/kits/new" variant="secondary">
            Make a kit
          </Button>
        ) : null}
        {kits.length === 0 ? (
          <p className="govuk-body">There are no kits yet.</p>
        ) : (
          <ul className="govuk-list app-kit-list">
            {kits.map((kit) => (
              <li key={kit.id} className="govuk-!-margin-bottom-6">
                <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <a className="govuk-link" href={`/kits/${kit.id}`}>
                    {kit.title}
                  </a>
                </h2>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {kit.council ? `Made by ${kit.council.name}` : 'A starter kit from Discovery Commons'} · {kit.itemCount === 1 ? '1 material' : `${kit.itemCount} materials`}
                </p>
                {kit.description ? <p className="govuk-body">{kit.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
