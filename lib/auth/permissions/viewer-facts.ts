import type { Actor, Viewer } from '../viewer';

/** Who the viewer is, as the rules need it: their organisation, and whether they are a site admin. */

export const organisationOf = (viewer: Viewer | Actor) =>
  viewer.kind === 'user' && viewer.organisation ? viewer.organisation.id : undefined;

export function isSiteAdmin(viewer: Viewer | Actor): boolean {
  return viewer.kind === 'user' && viewer.isSiteAdmin;
}

export function isMemberOf(viewer: Viewer | Actor, organisationId: string | null): boolean {
  return organisationId !== null && organisationOf(viewer) === organisationId;
}
