import 'server-only';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import type { Viewer } from '@/lib/auth/viewer';
import { getMaterial, type MaterialDetail } from '@/lib/materials/get-material';
import { listMaterialVersions, type MaterialVersionSummary } from '@/lib/materials/list-material-versions';
import { viewableVersion } from '@/lib/materials/viewable-version';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';

export interface MaterialVersionPage {
  viewer: Viewer;
  material: MaterialDetail;
  version: MaterialVersionSummary;
}

/**
 * For a version's pages: the material and that version as the versions table shows it, or "Page not
 * found" where the viewer may not see the version (the same check as its download,
 * viewable-version.ts) or it does not exist. The proxy has usually answered 404 already (proxy.ts);
 * this is the page's own check.
 */
export async function materialVersion(id: string, versionNumber: string): Promise<MaterialVersionPage> {
  await connection();
  const hub = await services();
  const viewer = await currentViewer();
  const found = await viewableVersion(hub, viewer, id, versionNumber);
  const material = found ? await getMaterial(hub, viewer, id) : undefined;
  if (!found || !material) notFound();
  const versions = await listMaterialVersions(hub, viewer, material.id);
  const version = versions.find((v) => v.versionNumber === found.version.versionNumber);
  if (!version) notFound();
  return { viewer, material, version };
}
