import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { adaptDecision, canSeeAdaptationSource, visibleMaterialsSql, type AdaptDecision } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials, organisations } from '@/lib/db/schema';
import { materialToView } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { attributionFor, licenceTerms } from '@/lib/auth/licence-terms';
import { vocabularies } from '@/lib/taxonomy/vocabularies';

export interface LinkedMaterial {
  id: string;
  title: string;
  council: { slug: string; name: string } | null;
}

export interface AdaptedFrom extends LinkedMaterial {
  licence: { spdx: string; label: string; url: string };
  /** Public, so the page's structured data may name it (schema.org isBasedOn). */
  isPublic: boolean;
  /** The statement the source's licence asks for (lib/auth/licence-terms.ts), or null. */
  attribution: string | null;
}

export interface MaterialLineage {
  /**
   * The source this material was adapted from: shown when the viewer may see it; 'not-shown' when
   * there is one the viewer may not see (the page says only that it was adapted from another
   * material); null when it was not adapted (or its source was deleted for good).
   */
  adaptedFrom: AdaptedFrom | 'not-shown' | null;
  /** Published adaptations of it the viewer may see, by council then title. */
  adaptedBy: LinkedMaterial[];
  /** Whether the viewer may adapt it, and if not why (lib/auth/permissions/adapt.ts). */
  adapt: AdaptDecision;
}

/**
 * Where a material came from and what was made from it, as the viewer may see them. For anyone who
 * may see the material (throws 'not_found' otherwise). Each side goes through the material rule: the
 * source by canViewMaterial, the adaptations by the same rule as search (visibleMaterialsSql), so
 * no draft, withdrawn or private adaptation is ever named to someone who may not see it.
 */
export async function getMaterialLineage(services: Services, viewer: Viewer, materialId: string): Promise<MaterialLineage> {
  const material = await materialToView(services.db, viewer, materialId);
  // visibleMaterialsSql expects the materials table as `m`.
  const m = alias(materials, 'm');
  const adaptedBy = await services.db
    .select({ id: m.id, title: m.title, slug: organisations.slug, name: organisations.name })
    .from(m)
    .leftJoin(organisations, eq(organisations.id, m.organisationId))
    .where(and(eq(m.adaptedFromMaterialId, material.id), visibleMaterialsSql(viewer)))
    .orderBy(asc(organisations.name), asc(m.title));
  return {
    adaptedFrom: material.adaptedFromMaterialId ? await sourceFor(services, viewer, material.adaptedFromMaterialId) : null,
    adaptedBy: adaptedBy.map((row) => ({ id: row.id, title: row.title, council: councilOf(row) })),
    adapt: adaptDecision(viewer, material),
  };
}

async function sourceFor(services: Services, viewer: Viewer, sourceId: string): Promise<AdaptedFrom | 'not-shown' | null> {
  const [row] = await services.db
    .select({
      id: materials.id,
      title: materials.title,
      licence: materials.licence,
      status: materials.status,
      visibility: materials.visibility,
      organisationId: materials.organisationId,
      slug: organisations.slug,
      name: organisations.name,
    })
    .from(materials)
    .leftJoin(organisations, eq(organisations.id, materials.organisationId))
    .where(eq(materials.id, sourceId));
  if (!row) return null;
  if (!canSeeAdaptationSource(viewer, row)) return 'not-shown';
  const licence = vocabularies().licences.find((l) => l.spdx === row.licence);
  const council = councilOf(row);
  return {
    id: row.id,
    title: row.title,
    council,
    licence: { spdx: row.licence, label: licence?.label ?? row.licence, url: licence?.url ?? '' },
    isPublic: row.status === 'published' && row.visibility === 'public',
    attribution: licenceTerms(row.licence).requiresAttribution ? attributionFor(row.licence, council?.name ?? 'Discovery Commons') : null,
  };
}

function councilOf(row: { slug: string | null; name: string | null }) {
  return row.slug && row.name ? { slug: row.slug, name: row.name } : null;
}
