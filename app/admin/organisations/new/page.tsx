import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink } from '@/app/_components/govuk';
import { canAdministerSite } from '@/lib/auth/permissions';
import { currentViewer } from '@/lib/auth/current-viewer';
import { addPublicBodyAction } from '../actions';
import { PublicBodyForm } from './_components/public-body-form';

export const metadata: Metadata = { title: 'Add a public body' };

/** Site admins only; anyone else gets "Page not found". The action checks again. */
export default async function NewPublicBodyPage() {
  await connection();
  if (!canAdministerSite(await currentViewer())) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/admin/organisations" />
        <PublicBodyForm action={addPublicBodyAction} />
      </div>
    </div>
  );
}
