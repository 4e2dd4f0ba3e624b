import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { BackLink } from '@/app/_components/govuk';
import { canAdministerSite } from '@/lib/auth/permissions';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { loadFormAttempt } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { PublicBodyForm } from './_components/public-body-form';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const refused = cache(async (attemptId: unknown) => loadFormAttempt(await services(), await currentViewer(), 'public-body', '', attemptId));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  await connection();
  return { title: `${(await refused((await searchParams).attempt)) ? 'Error: ' : ''}Add a public body` };
}

/** Site admins only; anyone else gets "Page not found". The route that adds it checks again. */
export default async function NewPublicBodyPage({ searchParams }: Props) {
  await connection();
  if (!canAdministerSite(await currentViewer())) notFound();
  const attempt = await refused((await searchParams).attempt);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href="/admin/organisations" />
        <PublicBodyForm attempt={attempt} />
      </div>
    </div>
  );
}
