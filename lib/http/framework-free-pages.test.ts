import { describe, expect, it } from 'vitest';
import { isFrameworkFreePage, withoutFrameworkScripts } from './framework-free-pages';

const id = '0191a2b3-0000-7000-8000-000000000000';

/** The shape of a page as Next.js 16 (Turbopack) renders it, cut down: head, body, React data. */
const page = [
  '<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/34j-udu_bbbh5.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/1fv03_25tmr3_.js"/>',
  '<script src="/_next/static/chunks/1t4zj2v53ihnu.js" async=""></script>',
  '<script src="/_next/static/chunks/turbopack-077hmtqrhcoji.js" async=""></script>',
  '<title>Discovery Commons</title>',
  '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script></head>',
  '<body class="govuk-template__body">',
  `<script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>`,
  '<main><h1>Consent form &lt;script&gt;alert(1)&lt;/script&gt;</h1><p>self.__next_f.push is only words here</p></main>',
  '<script type="application/ld+json">{"@type":"DigitalDocument","name":"Consent form \\u003cscript\\u003e"}</script>',
  '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/1fv03_25tmr3_.js"]});</script>',
  '<script src="/_next/static/chunks/1fv03_25tmr3_.js" async=""></script>',
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n\\u003c/script\\u003e"])</script>',
  '</body></html>',
].join('');

describe('withoutFrameworkScripts', () => {
  const html = withoutFrameworkScripts(page);

  it("removes Next.js's chunks, their preload, its bootstrap and the React data", () => {
    expect(html).not.toContain('/_next/static/chunks/1t4zj2v53ihnu.js');
    expect(html).not.toContain('turbopack-');
    expect(html).not.toContain('<link rel="preload" as="script"');
    expect(html).not.toContain('noModule');
    expect(html).not.toContain('TURBOPACK');
    expect(html).not.toContain('__next_f=');
    expect(html).not.toContain('$Sreact.fragment');
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('styles the page as without JavaScript: the js-enabled snippet goes too', () => {
    expect(html).not.toContain('js-enabled');
  });

  it('keeps the stylesheet, the content (even text that mentions scripts) and any other script', () => {
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/34j-udu_bbbh5.css"');
    expect(html).toContain('<h1>Consent form &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('<p>self.__next_f.push is only words here</p>');
    expect(html).toContain('<script type="application/ld+json">{"@type":"DigitalDocument"');
    expect(html).toMatch(/<\/body><\/html>$/);
  });
});

describe('isFrameworkFreePage', () => {
  it('covers the public pages people open on phones, for GET only', () => {
    for (const pathname of ['/', '/search', `/materials/${id}`, '/organisations', '/organisations/bristol', '/help', '/accessibility', '/privacy', '/cookies', '/contact']) {
      expect(isFrameworkFreePage('GET', pathname), pathname).toBe(true);
    }
    expect(isFrameworkFreePage('POST', '/search')).toBe(false);
    expect(isFrameworkFreePage('HEAD', '/')).toBe(false);
  });

  it('leaves forms that are better with JavaScript, and everything else, as Next.js sends them', () => {
    for (const pathname of ['/materials/new', `/materials/${id}/edit`, `/materials/${id}/check`, '/account', '/account/join', '/sign-in', '/admin/feedback', '/_next/static/chunks/a.js', '/api/materials']) {
      expect(isFrameworkFreePage('GET', pathname), pathname).toBe(false);
    }
  });
});
