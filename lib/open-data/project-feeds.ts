import 'server-only';
import { publicInterfaceViewer } from '@/lib/auth/permissions';
import { getProject, type ProjectUpdateView } from '@/lib/projects/get-project';
import { listProjects, projectFilterQuery, type ProjectFilters } from '@/lib/projects/list-projects';
import { collaborationLabels, projectPhaseLabels, projectStatusLabels, type ProjectPhase } from '@/lib/projects/project-words';
import type { Services } from '@/lib/services';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';
import { atomFeed, type AtomEntry } from './atom-feed';
import { feedEntryLimit } from './public-feeds';
import { absoluteUrl, hubName } from './site-address';

/**
 * The Atom feeds of projects: the public projects (/projects/feed, with the filters of /projects) and
 * one public project's updates (/projects/<id>/feed). A feed is the same for everyone and read by feed
 * readers that never sign in, so it asks as publicInterfaceViewer through the projects' own domain
 * functions (listProjects, getProject): public projects only, and of an update's materials only the
 * public ones. A 'councils' or council-only project has no feed at all, even for its own members.
 */

/** A day (YYYY-MM-DD, London) as the date-time Atom asks for: the start of that day. */
const dayStart = (day: string) => `${day}T00:00:00Z`;

/** The public projects matching the filters, most recently updated first (as /projects lists them). */
export async function publicProjectsFeed(services: Services, site: string, filters: ProjectFilters): Promise<string> {
  const list = await listProjects(services, publicInterfaceViewer, { ...filters, page: 1 }, { pageSize: feedEntryLimit });
  const query = projectFilterQuery({ ...filters, page: 1 });
  const chosen = filterLabels(filters);
  const entries: AtomEntry[] = list.items.map((item) => {
    const page = absoluteUrl(site, `/projects/${item.id}`);
    return {
      id: page,
      title: item.name,
      link: page,
      summary: item.summary,
      author: item.council.name,
      updated: dayStart(item.lastUpdatedOn),
      categories: [
        { term: item.phase, label: projectPhaseLabels[item.phase], scheme: absoluteUrl(site, '/projects?phase=') },
        ...item.collaboration.map((c) => ({ term: c, label: collaborationLabels[c], scheme: absoluteUrl(site, '/projects?collaboration=') })),
      ],
    };
  });
  return atomFeed({
    self: absoluteUrl(site, `/projects/feed${query ? `?${query}` : ''}`),
    alternate: absoluteUrl(site, `/projects${query ? `?${query}` : ''}`),
    title: `Public projects${chosen.length ? ` (${chosen.join(', ')})` : ''} – ${hubName}`,
    subtitle: `The ${feedEntryLimit} most recently updated public projects on ${hubName}${chosen.length ? ' for these filters' : ''}.`,
    author: hubName,
    entries,
    updatedWhenEmpty: new Date().toISOString(),
  });
}

/** One public project's updates, newest first; undefined when there is no such public project. */
export async function publicProjectUpdatesFeed(services: Services, site: string, projectId: unknown): Promise<string | undefined> {
  const project = await getProject(services, publicInterfaceViewer, projectId);
  if (!project) return undefined;
  const page = absoluteUrl(site, `/projects/${project.id}`);
  return atomFeed({
    self: absoluteUrl(site, `/projects/${project.id}/feed`),
    alternate: page,
    title: `Updates on ${project.name} – ${hubName}`,
    subtitle: `What ${project.council.name} and its partners report on ${project.name}.`,
    author: project.council.name,
    entries: project.updates.slice(0, feedEntryLimit).map((update) => updateEntry(site, page, project.council.name, update)),
    updatedWhenEmpty: dayStart(project.lastUpdatedOn),
  });
}

function updateEntry(site: string, page: string, council: string, update: ProjectUpdateView): AtomEntry {
  const moved = update.phaseTo ? `Moved to ${projectPhaseLabels[update.phaseTo as ProjectPhase] ?? update.phaseTo}` : 'Update';
  // Only the materials anyone may see (getProject asked as publicInterfaceViewer); the rest are not named.
  const materials = update.materials.map((m) => `${m.title}: ${absoluteUrl(site, `/materials/${m.id}`)}`);
  const links = update.links.map((l) => `${l.title}: ${l.url}`);
  return {
    // The update's own id, as a URN: permanent, and not an address a reader would try to open.
    id: `urn:uuid:${update.id}`,
    title: `${moved} from ${update.council ?? council}, ${update.postedOn}`,
    link: `${page}#update-${update.id}`,
    summary: [update.body, ...links, ...materials].join('\n\n'),
    author: update.council ?? council,
    published: dayStart(update.postedOn),
    updated: dayStart(update.postedOn),
    categories: update.phaseTo ? [{ term: update.phaseTo, label: projectPhaseLabels[update.phaseTo as ProjectPhase] ?? update.phaseTo, scheme: absoluteUrl(site, '/projects?phase=') }] : [],
  };
}

function filterLabels(filters: ProjectFilters): string[] {
  const v = vocabularies();
  return [
    filters.phase ? projectPhaseLabels[filters.phase] : '',
    filters.topic ? labelOf(v.topics, filters.topic) : '',
    filters.council ? (v.councils.find((c) => c.slug === filters.council)?.name ?? filters.council) : '',
    filters.collaboration ? collaborationLabels[filters.collaboration] : '',
    filters.status ? projectStatusLabels[filters.status] : '',
  ].filter(Boolean);
}
