import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { canManageOrganisation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { findOrganisation, organisationSlug, summaryOf, type OrganisationSummary } from './organisation-common';

/** What anyone may know about an organisation: its public page. No members, no email domains. */
export interface OrganisationProfile extends OrganisationSummary {
  homepageUrl: string | null;
  /** 'county' | 'district' | 'unitary' for councils. */
  tier: string | null;
  country: string | null;
  /** Published materials anyone may see. */
  publicMaterialCount: number;
  /** May the viewer manage it (members, requests, email domains, audit log)? */
  canManage: boolean;
}

/** An organisation's public profile, or undefined if there is none with that slug. */
export async function getOrganisation(services: Services, viewer: Viewer, slug: unknown): Promise<OrganisationProfile | undefined> {
  const parsed = organisationSlug.safeParse(slug);
  if (!parsed.success) return undefined;
  const organisation = await findOrganisation(services.db, parsed.data);
  if (!organisation) return undefined;
  const [counted] = await services.db
    .select({ n: count() })
    .from(materials)
    .where(and(eq(materials.organisationId, organisation.id), eq(materials.status, 'published'), eq(materials.visibility, 'public')));
  return {
    ...summaryOf(organisation),
    homepageUrl: safeHomepage(organisation.homepageUrl),
    tier: organisation.tier,
    country: organisation.country,
    publicMaterialCount: Number(counted?.n ?? 0),
    canManage: canManageOrganisation(viewer, organisation.id),
  };
}

/** Only http(s) addresses become links. */
function safeHomepage(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}
