/**
 * The permission rules, in one place, as plain functions of the viewer and the thing asked about.
 * Every page, action, route, download, search result and facet count goes through these; nothing
 * else decides who may see or change what.
 *
 * Visibility of a material:
 *   public        anyone, signed in or not
 *   councils      anyone signed in who belongs to an organisation
 *   organisation  members of the owning organisation
 * Drafts (every upload until its uploader has seen the check and published it) and withdrawn
 * materials are seen only by the owning organisation's members and site admins, never in search or
 * lists: both are "not published", one rule. A file version never published (a draft replaced before
 * publishing, the original of a cleaned file) is seen only by them too, even once the material is
 * published. Site admins see and may change everything.
 *
 * The rules live in lib/auth/permissions/, a file per part of the hub; this file is the one place
 * everything else imports them from.
 */

export { isSiteAdmin } from './permissions/viewer-facts';
export * from './permissions/visibility';
export * from './permissions/materials';
export * from './permissions/organisations';
export * from './permissions/feedback';
export * from './permissions/commitments';
export * from './permissions/projects';
export * from './permissions/following';
export * from './permissions/kits';
export * from './permissions/adapt';
export * from './permissions/api-tokens';
