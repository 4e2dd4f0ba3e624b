import type { Metadata } from 'next';
import { connection } from 'next/server';
import { BackLink } from '@/app/_components/govuk';
import { MaterialList } from '@/app/_components/material-list';
import { listAccountMaterials } from '@/lib/materials/list-account-materials';
import { materialListLimit } from '@/lib/materials/material-list-item';
import { services } from '@/lib/runtime';
import { requireSignedIn } from '@/lib/sign-in/current-viewer';

export const metadata: Metadata = { title: 'Your materials', robots: { index: false } };

/**
 * What you shared, and everything your council has shared, published or withdrawn, with who can see
 * each: the way back to a withdrawn material, which search and lists leave out.
 */
export default async function AccountMaterialsPage() {
  await connection();
  const viewer = await requireSignedIn('/account/materials');
  const { yours, yourCouncils } = await listAccountMaterials(await services(), viewer);
  const council = viewer.organisation;

  return (
    <>
      <BackLink href="/account">Back to your account</BackLink>
      <h1 className="govuk-heading-l">Your materials</h1>
      <p className="govuk-body">
        Drafts and withdrawn materials are listed here too: search leaves them out. Open a draft to check and
        publish it, or a withdrawn material to restore it.
      </p>
      <h2 className="govuk-heading-m">Materials you shared</h2>
      {yours.length === 0 ? (
        <p className="govuk-body">
          You have not shared any materials yet.{' '}
          {council ? (
            <a className="govuk-link" href="/materials/new">
              Share a material
            </a>
          ) : null}
        </p>
      ) : (
        <MaterialList caption="Materials you shared" items={yours} />
      )}
      {council ? (
        <>
          <h2 className="govuk-heading-m">{council.name}’s materials</h2>
          {yourCouncils.length === 0 ? (
            <p className="govuk-body">{council.name} has not shared any materials yet.</p>
          ) : (
            <MaterialList caption={`${council.name}’s materials`} items={yourCouncils} />
          )}
        </>
      ) : null}
      {yours.length >= materialListLimit || yourCouncils.length >= materialListLimit ? (
        <p className="govuk-body">Only the {materialListLimit} most recently changed are listed. Search finds the rest that are published.</p>
      ) : null}
    </>
  );
}
