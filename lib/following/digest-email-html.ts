import { formatDate } from '@/lib/text/dates';
import type { DigestSection } from './digest-email';
import { excerpt, phaseName, plural } from './digest-words';

/**
 * The HTML part of a digest, the same contents as its plain text. Titles, names and updates are
 * people's own words, so every one is escaped (`text`); every address is built here from the hub's
 * own URL and ids, never taken from what people typed. Plain structure (headings, lists, links), no
 * images or scripts, so it reads well in any mail program and with a screen reader.
 */
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A piece of HTML, made only by the helpers below, so nothing unescaped slips in by accident. */
class Html {
  constructor(readonly value: string) {}
}
const text = (value: string) => new Html(escape(value));
const join = (parts: Html[]) => new Html(parts.map((part) => part.value).join(''));
const element = (tag: string, children: Html[], attributes = '') => new Html(`<${tag}${attributes}>${join(children).value}</${tag}>`);
const link = (href: string, label: Html) => new Html(`<a href="${escape(href)}">${label.value}</a>`);
const list = (items: Html[][]) => element('ul', items.map((children) => element('li', children)));

export function digestHtml(options: { hub: string; coversFrom: Date; sections: DigestSection[]; unsubscribeUrl: string }): string {
  const { hub } = options;
  const more = (total: number, shown: number, href: string) => (total > shown ? [element('p', [link(`${hub}${href}`, text(`and ${total - shown} more`))])] : []);
  const body: Html[] = [element('p', [text(`New on Discovery Commons since ${formatDate(options.coversFrom)}, from what you follow:`)])];
  for (const section of options.sections) {
    if (section.similar) {
      const { total, items } = section.similar;
      body.push(
        element('h2', [text('Projects like yours')]),
        element('p', [text(`${plural(total, 'new project')} at other councils sharing service areas with your council’s:`)]),
        list(items.map((item) => [link(`${hub}/projects/${item.id}`, text(item.name)), text(` (${item.council}, ${phaseName(item.phase)}), like your ${item.likeYours.map((own) => `“${own.name}”`).join(' and ')}`)])),
        ...more(total, items.length, section.href),
      );
      continue;
    }
    if (section.updates) {
      const { total, items } = section.updates;
      body.push(
        element('h2', [link(`${hub}${section.href}`, text(section.label)), text(' (project)')]),
        element('p', [text(plural(total, 'new update'))]),
        list(
          items.map((item) => {
            const moved = item.phaseTo && item.phaseFrom !== item.phaseTo ? ` Moved to ${item.phaseTo}.` : '';
            return [text(`${formatDate(`${item.postedOn}T12:00:00Z`)}:${moved} ${excerpt(item.body)}`)];
          }),
        ),
      );
      continue;
    }
    body.push(element('h2', [link(`${hub}${section.href}`, text(section.label))]));
    if (section.found.total > 0) {
      body.push(
        element('p', [text(plural(section.found.total, 'new material'))]),
        list(section.found.items.map((item) => [link(`${hub}/materials/${item.id}`, text(item.title)), ...(item.council ? [text(` (${item.council})`)] : [])])),
        ...more(section.found.total, section.found.items.length, section.href),
      );
    }
    if (section.newProjects && section.newProjects.total > 0) {
      const { total, items } = section.newProjects;
      body.push(
        element('p', [text(plural(total, 'new project'))]),
        list(items.map((item) => [link(`${hub}/projects/${item.id}`, text(item.name)), text(` (${item.council}, ${phaseName(item.phase)})`)])),
        ...more(total, items.length, section.href),
      );
    }
  }
  body.push(
    element('p', [link(`${hub}/account/following`, text('Choose what you follow and how often you get these emails'))]),
    element('p', [link(options.unsubscribeUrl, text('Stop these emails'))]),
  );
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>New on Discovery Commons</title></head><body>${join(body).value}</body></html>`;
}
