import type { FieldError } from '@/lib/errors';
import type { ProjectLink } from '@/lib/db/schema';
import { single } from '@/lib/materials/material-access';
import { projectLinkSlots } from './project-words';

/**
 * The link rows of the project and update forms (link1Title/link1Url … up to projectLinkSlots): a row
 * left empty is skipped; a half-filled row, or an address that is not http or https, is an error
 * beside that row. Addresses are kept as the URL parser writes them.
 */
export function readLinks(fields: Record<string, unknown>, errors: FieldError[]): ProjectLink[] {
  const links: ProjectLink[] = [];
  for (let slot = 1; slot <= projectLinkSlots; slot += 1) {
    const title = String(single(fields[`link${slot}Title`]) ?? '').trim();
    const address = String(single(fields[`link${slot}Url`]) ?? '').trim();
    if (!title && !address) continue;
    if (!address) {
      errors.push({ field: `link${slot}Url`, message: `Enter the address of link ${slot}` });
      continue;
    }
    let url: URL | undefined;
    try {
      url = new URL(address);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || address.length > 2000) {
      errors.push({ field: `link${slot}Url`, message: `Link ${slot} must be a web address starting with https:// or http://` });
      continue;
    }
    if (!title) {
      errors.push({ field: `link${slot}Title`, message: `Enter a title for link ${slot}` });
      continue;
    }
    if (title.length > 200) {
      errors.push({ field: `link${slot}Title`, message: `The title of link ${slot} must be 200 characters or fewer` });
      continue;
    }
    links.push({ title, url: url.href });
  }
  return links;
}

/** The link fields as the form shows them again. */
export function linkFields(links: ProjectLink[]): Record<string, string> {
  const fields: Record<string, string> = {};
  links.slice(0, projectLinkSlots).forEach((link, i) => {
    fields[`link${i + 1}Title`] = link.title;
    fields[`link${i + 1}Url`] = link.url;
  });
  return fields;
}
