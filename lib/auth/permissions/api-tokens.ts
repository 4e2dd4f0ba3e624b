import type { Viewer } from '../viewer';
import { isSiteAdmin } from './viewer-facts';

/**
 * Personal API tokens act for one person, so only that person makes, lists and revokes them: nobody,
 * not even a site admin, may make a token that acts for someone else. Site admins may revoke anyone's
 * token (a leaked token, a person who has left), never see or use it.
 */
export interface ApiTokenAccessFacts {
  userId: string;
}

/** Make a token: anyone signed in, for themselves. */
export function canCreateApiToken(viewer: Viewer): boolean {
  return viewer.kind === 'user';
}

/** See a token's name, scope, dates: its own person only. */
export function canSeeApiToken(viewer: Viewer, token: ApiTokenAccessFacts): boolean {
  return viewer.kind === 'user' && viewer.userId === token.userId;
}

/** Revoke a token: its own person, and site admins. */
export function canRevokeApiToken(viewer: Viewer, token: ApiTokenAccessFacts): boolean {
  return canSeeApiToken(viewer, token) || isSiteAdmin(viewer);
}
