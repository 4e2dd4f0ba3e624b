import 'server-only';
import { inArray } from 'drizzle-orm';
import { loadViewers } from '@/lib/auth/load-viewer';
import type { Viewer } from '@/lib/auth/viewer';
import { follows } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import type { DigestSection } from './digest-email';
import { describeTargets, targetKey } from './follow-targets';
import { findNewMaterials, type NewMaterialsRequest } from './find-new-materials';
import { findNewProjects, type NewProjectsRequest } from './find-new-projects';
import { findProjectUpdates, type ProjectUpdatesRequest } from './find-project-updates';
import { findSimilarProjects, type SimilarProjectsRequest } from './find-similar-projects';

/** How many materials a digest names per followed thing; the rest are counted, with a link. */
export const itemsPerSection = 10;

export interface DigestToBuild {
  digestId: string;
  userId: string;
  coversFrom: Date;
  coversTo: Date;
}

/** How many searches and queries a batch of digests took, by kind, or how long each kind took (the benchmark and tests report them). */
export interface DigestQueries {
  materialSearches: number;
  projectUpdates: number;
  newProjects: number;
  similarProjects: number;
}

export interface BuiltDigest extends DigestToBuild {
  /** Only followed things with something new; empty: nothing new, no email. */
  sections: DigestSection[];
}

/**
 * The contents of many digests at once, each as its recipient may see now: viewers are read live
 * (loadViewers), materials come from the search engines asked as that viewer (findNewMaterials), and
 * projects through visibleProjectsSql as that viewer. Everything is grouped so each followed thing is
 * asked once per visibility scope and period (materials), and each kind of project news is one query
 * per visibility scope and period (project updates, new projects) or per council, scope and period
 * ("a project like yours"), however many followers there are.
 */
export async function buildDigests(
  services: Services,
  digests: DigestToBuild[],
  options: { concurrency?: number } = {},
): Promise<{ built: BuiltDigest[]; searches: number; queries: DigestQueries; milliseconds: DigestQueries }> {
  const none: DigestQueries = { materialSearches: 0, projectUpdates: 0, newProjects: 0, similarProjects: 0 };
  if (digests.length === 0) return { built: [], searches: 0, queries: none, milliseconds: none };
  const userIds = digests.map((digest) => digest.userId);
  const [viewers, followRows] = await Promise.all([
    loadViewers(services.db, userIds),
    services.db.select({ userId: follows.userId, kind: follows.kind, target: follows.target, name: follows.name, createdAt: follows.createdAt }).from(follows).where(inArray(follows.userId, userIds)),
  ]);
  const views = await describeTargets(services.db, followRows);
  const byUser = new Map<string, typeof followRows>();
  for (const row of followRows) {
    // Points at nothing any more (a deleted council). Projects are checked per recipient below.
    if (row.kind !== 'project' && !views.get(targetKey(row))) continue;
    const own = byUser.get(row.userId);
    if (own) own.push(row);
    else byUser.set(row.userId, [row]);
  }

  // Each request remembers its digest (and, for materials and new projects, its follow) by position.
  const materialRequests: NewMaterialsRequest[] = [];
  const newProjectRequests: NewProjectsRequest[] = [];
  const followOwners: { digest: number; follow: (typeof followRows)[number] }[] = [];
  const updateRequests: ProjectUpdatesRequest[] = [];
  const updateOwners: number[] = [];
  const similarRequests: SimilarProjectsRequest[] = [];
  const similarOwners: number[] = [];
  digests.forEach((digest, index) => {
    const viewer: Viewer | undefined = viewers.get(digest.userId);
    if (!viewer) return;
    const period = { after: digest.coversFrom.toISOString(), upTo: digest.coversTo.toISOString() };
    similarRequests.push({ viewer, period });
    similarOwners.push(index);
    for (const follow of byUser.get(digest.userId) ?? []) {
      if (follow.kind === 'project') {
        updateRequests.push({ projectId: follow.target, viewer, period });
        updateOwners.push(index);
        continue;
      }
      materialRequests.push({ follow, viewer, period });
      newProjectRequests.push({ follow, viewer, period });
      followOwners.push({ digest: index, follow });
    }
  });
  const timed = async <T>(kind: keyof DigestQueries, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work;
    milliseconds[kind] = performance.now() - started;
    return result;
  };
  const milliseconds: DigestQueries = { materialSearches: 0, projectUpdates: 0, newProjects: 0, similarProjects: 0 };
  // The four kinds run side by side; each takes its own turns on the database.
  const [materials, newProjects, updates, similar] = await Promise.all([
    timed('materialSearches', findNewMaterials(services, materialRequests, { itemsEach: itemsPerSection, ...options })),
    timed('newProjects', findNewProjects(services, newProjectRequests, { itemsEach: itemsPerSection })),
    timed('projectUpdates', findProjectUpdates(services, updateRequests, { itemsEach: itemsPerSection })),
    timed('similarProjects', findSimilarProjects(services, similarRequests, { itemsEach: itemsPerSection })),
  ]);

  const built: BuiltDigest[] = digests.map((digest) => ({ ...digest, sections: [] }));
  // "Projects like yours" first: it is about the reader's own work.
  similar.answers.forEach((found, position) => {
    if (!found) return;
    built[similarOwners[position]!]!.sections.push({ label: 'Projects like yours', href: '/projects', found: { total: 0, items: [] }, similar: found });
  });
  followOwners.forEach(({ digest, follow }, position) => {
    const found = materials.answers[position];
    const projects = newProjects.answers[position];
    if ((!found || found.total === 0) && !projects) return;
    const view = views.get(targetKey(follow))!;
    built[digest]!.sections.push({ label: view.label, href: view.href, found: found ?? { total: 0, items: [] }, ...(projects ? { newProjects: projects } : {}) });
  });
  updates.answers.forEach((found, position) => {
    if (!found) return; // nothing new, or the recipient may not see the project now
    built[updateOwners[position]!]!.sections.push({ label: found.projectName, href: `/projects/${found.projectId}`, found: { total: 0, items: [] }, updates: found });
  });
  const queries: DigestQueries = { materialSearches: materials.searches, projectUpdates: updates.queries, newProjects: newProjects.queries, similarProjects: similar.queries };
  return { built, searches: materials.searches + newProjects.queries + updates.queries + similar.queries, queries, milliseconds };
}
