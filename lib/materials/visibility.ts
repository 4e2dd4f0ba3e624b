import 'server-only';
import { and, eq, type SQL } from 'drizzle-orm';
import { materials } from '@/lib/db/schema';

/**
 * Who may see a material. Until accounts arrive everyone is anonymous and sees only published, public
 * materials. Every read (material page, download, search, counts) goes through these two, so the rule
 * lives in one place.
 */
export function visibleMaterialsCondition(): SQL {
  return and(eq(materials.status, 'published'), eq(materials.visibility, 'public'))!;
}

export function canViewMaterial(material: { status: string; visibility: string }): boolean {
  return material.status === 'published' && material.visibility === 'public';
}
