import { describe, expect, it } from 'vitest';
import { cacheControlFor, PUBLIC_PAGE_CACHE_CONTROL } from './cache-policy';

const id = '0191a2b3-0000-7000-8000-000000000000';

describe('cacheControlFor', () => {
  it('lets the browser keep public pages for someone signed out (back/forward cache), never a shared cache', () => {
    for (const pathname of ['/', '/search', `/materials/${id}`, '/organisations', '/organisations/bristol', '/accessibility', '/privacy', '/cookies', '/help', '/contact']) {
      expect(cacheControlFor({ pathname, search: '?q=bins', signedIn: false }), pathname).toBe(PUBLIC_PAGE_CACHE_CONTROL);
    }
    expect(PUBLIC_PAGE_CACHE_CONTROL).toMatch(/private/);
    expect(PUBLIC_PAGE_CACHE_CONTROL).not.toMatch(/no-store/);
  });

  it('leaves every page for someone signed in as no-store', () => {
    expect(cacheControlFor({ pathname: '/', search: '', signedIn: true })).toBeUndefined();
    expect(cacheControlFor({ pathname: '/search', search: '', signedIn: true })).toBeUndefined();
  });

  it('leaves personal and form pages as no-store, even signed out', () => {
    for (const pathname of ['/sign-in', '/sign-in/check-your-email', '/account', '/feedback', '/admin/feedback', '/materials/new', `/materials/${id}/edit`, '/organisations/bristol/manage']) {
      expect(cacheControlFor({ pathname, search: '', signedIn: false }), pathname).toBeUndefined();
    }
    expect(cacheControlFor({ pathname: '/search', search: '?attempt=abc', signedIn: false })).toBeUndefined();
  });
});
