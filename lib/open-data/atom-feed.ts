import { xmlText } from './xml-text';

/**
 * An Atom feed (RFC 4287) as text, from plain values: no database, no environment, so it is tested on
 * its own with hostile titles. Every value passes through xmlText. Safe to import anywhere.
 */

export interface AtomCategory {
  term: string;
  label: string;
  /** An absolute URL naming the vocabulary the term comes from. */
  scheme: string;
}

export interface AtomEntry {
  /** A permanent absolute URL (the material's page) or URN (a project's update). */
  id: string;
  title: string;
  /** The page it is on (the material's, the project's). */
  link: string;
  summary: string;
  author: string;
  /** ISO 8601; left out when not known (Atom makes it optional). */
  published?: string;
  /** ISO 8601. */
  updated: string;
  categories: AtomCategory[];
}

export interface AtomFeed {
  /** Absolute URL of the feed itself: its id and its rel="self" link. */
  self: string;
  /** Absolute URL of the page the feed follows (the search, the council's page). */
  alternate: string;
  title: string;
  subtitle: string;
  /** Who the feed comes from when an entry names no one else: the hub. */
  author: string;
  entries: AtomEntry[];
  /** ISO 8601, used when there are no entries (a feed must still say when it last changed). */
  updatedWhenEmpty: string;
}

const element = (name: string, text: string) => `<${name}>${xmlText(text)}</${name}>`;

function entryXml(entry: AtomEntry): string {
  return [
    '<entry>',
    element('id', entry.id),
    element('title', entry.title),
    `<link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>`,
    entry.published ? element('published', entry.published) : '',
    element('updated', entry.updated),
    `<author>${element('name', entry.author)}</author>`,
    ...entry.categories.map((c) => `<category term="${xmlText(c.term)}" scheme="${xmlText(c.scheme)}" label="${xmlText(c.label)}"/>`),
    entry.summary ? `<summary type="text">${xmlText(entry.summary)}</summary>` : '',
    '</entry>',
  ].join('');
}

export function atomFeed(feed: AtomFeed): string {
  const newest = feed.entries.map((e) => e.updated).sort().at(-1) ?? feed.updatedWhenEmpty;
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    element('id', feed.self),
    element('title', feed.title),
    element('subtitle', feed.subtitle),
    `<link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`,
    element('updated', newest),
    `<author>${element('name', feed.author)}</author>`,
    ...feed.entries.map(entryXml),
    '</feed>\n',
  ].join('');
}
