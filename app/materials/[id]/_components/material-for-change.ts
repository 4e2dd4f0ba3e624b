import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { currentViewer, signInPath } from '@/lib/sign-in/current-viewer';
import type { Viewer } from '@/lib/auth/viewer';
import { getMaterial, type MaterialDetail } from '@/lib/materials/get-material';
import { services } from '@/lib/runtime';

export type ForChange =
  | { allowed: true; viewer: Viewer; material: MaterialDetail }
  | { allowed: false; viewer: Viewer; material: MaterialDetail };

/**
 * For the pages that change a material (edit, replace, withdraw, delete): the material and whether the
 * viewer may do `what` with it. Someone who cannot see it gets "Page not found" (nothing leaks);
 * someone not signed in is sent to sign in first; someone who can see it but not do this gets
 * `allowed: false` and the page says so. The route handlers the forms post to check again, through
 * the domain functions: this is for showing the right page, never the check itself.
 */
export async function materialForChange(id: string, what: 'change' | 'delete', returnTo: string): Promise<ForChange> {
  await connection();
  const viewer = await currentViewer();
  const material = await getMaterial(await services(), viewer, id);
  if (!material) notFound();
  const allowed = what === 'delete' ? material.permissions.canDelete : material.permissions.canChange;
  if (!allowed && viewer.kind === 'anonymous') redirect(signInPath(returnTo));
  return { allowed, viewer, material };
}
