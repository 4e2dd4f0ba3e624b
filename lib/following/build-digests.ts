import 'server-only';
import { inArray } from 'drizzle-orm';
import { loadViewers } from '@/lib/auth/load-viewer';
import { follows } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import type { DigestSection } from './digest-email';
import { describeTargets, targetKey } from './follow-targets';
import { findNewMaterials, type NewMaterialsRequest } from './find-new-materials';

/** How many materials a digest names per followed thing; the rest are counted, with a link. */
export const itemsPerSection = 10;

export interface DigestToBuild {
  digestId: string;
  userId: string;
  coversFrom: Date;
  coversTo: Date;
}

export interface BuiltDigest extends DigestToBuild {
  /** Only followed things with something new; empty: nothing new, no email. */
  sections: DigestSection[];
}

/**
 * The contents of many digests at once, each as its recipient may see now: viewers are read live
 * (loadViewers), and every list comes from the search engines asked as that viewer, grouped so each
 * followed thing is asked once per visibility scope and period (findNewMaterials).
 */
export async function buildDigests(
  services: Services,
  digests: DigestToBuild[],
  options: { concurrency?: number } = {},
): Promise<{ built: BuiltDigest[]; searches: number }> {
  if (digests.length === 0) return { built: [], searches: 0 };
  const userIds = digests.map((digest) => digest.userId);
  const [viewers, followRows] = await Promise.all([
    loadViewers(services.db, userIds),
    services.db.select({ userId: follows.userId, kind: follows.kind, target: follows.target, name: follows.name, createdAt: follows.createdAt }).from(follows).where(inArray(follows.userId, userIds)),
  ]);
  const views = await describeTargets(services.db, followRows);
  const byUser = new Map<string, typeof followRows>();
  for (const row of followRows) {
    if (!views.get(targetKey(row))) continue; // points at nothing any more (a deleted council)
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  }

  const requests: NewMaterialsRequest[] = [];
  const owners: { digest: number; follow: (typeof followRows)[number] }[] = [];
  digests.forEach((digest, index) => {
    const viewer = viewers.get(digest.userId);
    if (!viewer) return;
    for (const follow of byUser.get(digest.userId) ?? []) {
      requests.push({ follow, viewer, period: { after: digest.coversFrom.toISOString(), upTo: digest.coversTo.toISOString() } });
      owners.push({ digest: index, follow });
    }
  });
  const { answers, searches } = await findNewMaterials(services, requests, { itemsEach: itemsPerSection, ...options });

  const built: BuiltDigest[] = digests.map((digest) => ({ ...digest, sections: [] }));
  answers.forEach((found, position) => {
    if (!found || found.total === 0) return;
    const { digest, follow } = owners[position]!;
    const view = views.get(targetKey(follow))!;
    built[digest]!.sections.push({ label: view.label, href: view.href, found });
  });
  return { built, searches };
}
