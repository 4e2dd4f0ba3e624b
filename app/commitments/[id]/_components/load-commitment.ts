import 'server-only';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { getCommitment } from '@/lib/commitments/get-commitment';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

/** The commitment for this request's viewer, once per request (metadata and page share it); "Page not found" if they may not see it. */
export const loadCommitment = cache(async (id: string) => {
  await connection();
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const commitment = await getCommitment(hub, viewer, id);
  if (!commitment) notFound();
  return { hub, viewer, commitment };
});
