import 'server-only';
import type { Metadata } from 'next';
import { absoluteUrl, siteAddress } from './site-address';

/**
 * The `<link rel="alternate" type="application/atom+xml">` of a page that has a feed, so browsers and
 * feed readers find it from the page's address alone. Absolute, from the hub's own address.
 */
export function feedAlternates(feedPath: string, title: string): Metadata['alternates'] {
  return { types: { 'application/atom+xml': [{ url: absoluteUrl(siteAddress(), feedPath), title }] } };
}
