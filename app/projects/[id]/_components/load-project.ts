import 'server-only';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { getProject } from '@/lib/projects/get-project';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

/** The project for this request's viewer, once per request (metadata and page share it); "Page not found" if they may not see it. */
export const loadProject = cache(async (id: string) => {
  await connection();
  const [hub, viewer] = await Promise.all([services(), currentViewer()]);
  const project = await getProject(hub, viewer, id);
  if (!project) notFound();
  return { hub, viewer, project };
});
