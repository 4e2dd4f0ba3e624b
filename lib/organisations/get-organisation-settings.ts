import 'server-only';
import { canManageOrganisation } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Services } from '@/lib/services';
import { forbidden, organisationOrNotFound, requireSignedIn, summaryOf, type OrganisationSummary } from './organisation-common';

/** What an organisation's admins manage about it, besides its members. */
export interface OrganisationSettings extends OrganisationSummary {
  homepageUrl: string | null;
  emailDomains: string[];
  /** Every upload's check must be acknowledged before publishing (lib/file-checks). */
  requireCheckAcknowledgement: boolean;
}

/** For the organisation's own admins and site admins; unknown slug → not_found, others → forbidden. */
export async function getOrganisationSettings(services: Services, viewer: Viewer, slug: unknown): Promise<OrganisationSettings> {
  requireSignedIn(viewer);
  const organisation = await organisationOrNotFound(services.db, slug);
  if (!canManageOrganisation(viewer, organisation.id)) throw forbidden();
  return { ...summaryOf(organisation), homepageUrl: organisation.homepageUrl, emailDomains: organisation.emailDomains, requireCheckAcknowledgement: organisation.requireCheckAcknowledgement };
}
