/**
 * A short, readable name for where a material was first published, for link text: the site's name
 * rather than a 150-character address or a repository path. Safe to import anywhere.
 *
 *   https://github.com/alphagov/government-service-design-manual/blob/4efa…/service-manual/discovery.md
 *       → "government-service-design-manual on GitHub"
 *   https://www.gov.uk/service-manual/agile-delivery   → "gov.uk"
 *   not a web address                                  → null (shown as text, never as a link)
 */
export function sourceLabel(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (host === 'github.com' || host === 'gitlab.com') {
    const repository = decodeSegment(parsed.pathname.split('/')[2]);
    const site = host === 'github.com' ? 'GitHub' : 'GitLab';
    return repository ? `${repository} on ${site}` : site;
  }
  return host || null;
}

function decodeSegment(segment: string | undefined): string {
  if (!segment) return '';
  try {
    return decodeURIComponent(segment).slice(0, 60);
  } catch {
    return segment.slice(0, 60);
  }
}
