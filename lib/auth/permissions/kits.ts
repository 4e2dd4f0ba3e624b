import { sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../viewer';
import { isMemberOf, isSiteAdmin, organisationOf } from './viewer-facts';
import { canSeeAtVisibility, visibleAtVisibilitySql } from './visibility';

/**
 * A Discovery kit: a titled, ordered list of materials from any councils. The kit itself is seen
 * through the one visibility rule (canSeeAtVisibility), as materials are; a kit made by the hub (the
 * starter kits) has no council, so only 'public' makes sense for it.
 *
 * What is inside is decided by each material, never by the kit: a kit shows, lists and zips only the
 * items whose material the viewer may see (visibleMaterialsSql, published only). A public kit holding
 * a council-only material shows that material to its council's members and to nobody else, and does
 * not say that anything was left out.
 */
export interface KitAccessFacts {
  visibility: string;
  organisationId: string | null;
}

export function canViewKit(viewer: Viewer, kit: KitAccessFacts): boolean {
  return canSeeAtVisibility(viewer, kit.visibility, kit.organisationId);
}

/** The same rule as SQL, for lists. Expects the kits table aliased as `k`. */
export function visibleKitsSql(viewer: Viewer): SQL {
  return visibleAtVisibilitySql(viewer, sql`k.visibility`, sql`k.organisation_id`);
}

/** Make a kit: any member of a council, on behalf of their own council. */
export function canMakeKit(viewer: Viewer): boolean {
  return organisationOf(viewer) !== undefined;
}

/**
 * Change a kit (its title, description, visibility, items, notes, order) or delete it: its council's
 * members, and site admins (who look after the hub, and the hub's own starter kits).
 */
export function canChangeKit(viewer: Viewer, kit: KitAccessFacts): boolean {
  return isSiteAdmin(viewer) || isMemberOf(viewer, kit.organisationId);
}
