import { NotificationBanner } from '@/app/_components/govuk';

/** What just happened (shared, replaced, cleaned, tagged), said once at the top of the check page. */
export function Done({ query }: { query: Record<string, string | string[] | undefined> }) {
  let text: string | null = null;
  if (query.shared === '1') text = 'Your file has been uploaded as a draft';
  else if (typeof query.replaced === 'string' && /^[1-9][0-9]{0,8}$/.test(query.replaced)) text = `Version ${query.replaced} of the file has been uploaded as a draft`;
  else if (typeof query.cleaned === 'string' && /^[1-9][0-9]{0,8}$/.test(query.cleaned)) text = `Hidden content removed: the cleaned file is version ${query.cleaned}`;
  else if (query.tagged === '1') text = 'The tags have been added';
  if (!text) return null;
  return (
    <NotificationBanner type="success" title="Success">
      <p className="govuk-notification-banner__heading">{text}</p>
    </NotificationBanner>
  );
}
