import type { SiteInfo } from '@/lib/site/site-info';

/** "email support@…" when SUPPORT_EMAIL is set; otherwise the feedback form, which always works. */
export function SupportContact({ site }: { site: SiteInfo }) {
  return site.supportEmail ? (
    <>
      email{' '}
      <a className="govuk-link" href={`mailto:${site.supportEmail}`}>
        {site.supportEmail}
      </a>
    </>
  ) : (
    <>
      use the{' '}
      <a className="govuk-link" href="/feedback">
        feedback form
      </a>
    </>
  );
}
