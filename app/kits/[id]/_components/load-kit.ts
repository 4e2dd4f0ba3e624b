import 'server-only';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { getKit } from '@/lib/kits/get-kit';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

/** The kit for this request's viewer, once per request (metadata and page share it); "Page not found" if they may not see it. */
export const loadKit = cache(async (id: string) => {
  await connection();
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const kit = await getKit(hub, viewer, id);
  if (!kit) notFound();
  return { hub, viewer, kit };
});
