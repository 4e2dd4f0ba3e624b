import { describe, expect, it } from 'vitest';
import { digestMessage, type DigestSection } from './digest-email';

// The digest email's two parts from one set of sections: the wording of the subject, and that the HTML
// part escapes people's words wherever they appear (titles, project names, updates, councils).

const hostile = '<img src=x onerror=alert(1)> & "quotes"';
const id = '5f0f2a8e-3b7c-4d1e-9a2b-1c2d3e4f5a6b';
const sections: DigestSection[] = [
  {
    label: 'Projects like yours',
    href: '/projects',
    found: { total: 0, items: [] },
    similar: { total: 2, items: [{ id, name: hostile, council: hostile, phase: 'alpha', likeYours: [{ id, name: hostile }] }] },
  },
  {
    label: hostile,
    href: '/search?topic=waste-recycling',
    found: { total: 1, items: [{ id, title: hostile, council: hostile }] },
    newProjects: { total: 1, items: [{ id, name: hostile, council: hostile, phase: 'discovery' }] },
  },
  { label: hostile, href: `/projects/${id}`, found: { total: 0, items: [] }, updates: { projectId: id, projectName: hostile, total: 1, items: [{ id, postedOn: '2026-12-01', body: hostile, phaseFrom: 'discovery', phaseTo: 'alpha' }] } },
];
const message = (chosen: DigestSection[]) =>
  digestMessage({ hubUrl: 'http://hub.test/', to: 'reader@example.test', digestId: 'd1', coversFrom: new Date('2026-11-30T09:00:00Z'), sections: chosen, unsubscribeToken: 'token' });

describe('digest email', () => {
  it('names every kind of news in the subject, materials first', () => {
    expect(message(sections).subject).toBe('New on Discovery Commons: 1 material, 1 project update, 1 new project and 2 projects like yours from what you follow');
    expect(message([sections[1]!]).subject).toBe('New on Discovery Commons: 1 material and 1 new project from what you follow');
    expect(message([{ ...sections[1]!, found: { total: 3, items: [] }, newProjects: undefined }]).subject).toBe('New on Discovery Commons: 3 materials from what you follow');
  });

  it('escapes people’s words everywhere in the HTML part and keeps them whole in the text', () => {
    const { html, text } = message(sections);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"quotes"');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;quotes&#34;');
    expect(text).toContain(hostile);
    // Every link in the HTML is the hub's own.
    const hrefs = [...html!.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!);
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.every((href) => href.startsWith('http://hub.test/'))).toBe(true);
    // "and 1 more" where a section names fewer than it counts.
    expect(html).toContain('<a href="http://hub.test/projects">and 1 more</a>');
    expect(text).toContain('and 1 more: http://hub.test/projects');
  });
});
