import { describe, expect, it } from 'vitest';
import type { MaterialDetail } from '@/lib/materials/get-material';
import { jsonLdScriptText, materialJsonLd } from './material-json-ld';

const page = 'https://hub.example.org/materials/0190b1c4-0000-7000-8000-000000000001';

const material = (overrides: Partial<MaterialDetail> = {}): MaterialDetail => ({
  id: '0190b1c4-0000-7000-8000-000000000001',
  title: 'Bin collections discussion guide',
  summary: 'Questions we asked residents.',
  phases: [{ slug: 'discovery', label: 'Discovery' }],
  artefactType: { slug: 'discussion-guide', label: 'Interview or discussion guide' },
  kind: { slug: 'template', label: 'Template' },
  topics: [{ slug: 'waste', label: 'Waste and recycling' }],
  tags: ['interviews'],
  licence: { spdx: 'OGL-UK-3.0', label: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
  council: { slug: 'bristol', name: 'Bristol City Council', homepageUrl: 'https://www.bristol.gov.uk', gssCode: 'E06000023' },
  sourceUrl: null,
  attribution: null,
  sharedBy: null,
  askBeforeReuse: false,
  project: null,
  visibility: 'public',
  status: 'published',
  withdrawn: null,
  permissions: { canChange: false, canDelete: false },
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  lastUpdatedAt: '2026-04-02T09:30:00.000Z',
  file: {
    fileName: 'guide.docx',
    format: 'docx',
    formatLabel: 'Word document',
    sizeBytes: 2048,
    sha256: 'a'.repeat(64),
    versionNumber: 2,
    uploadedAt: '2026-04-02T09:30:00.000Z',
    text: { status: 'done', failure: null, partlySearched: false, pageCount: 3, slideCount: null, sheetCount: null },
  },
  ...overrides,
});

describe('materialJsonLd', () => {
  it('describes a published material as a DigitalDocument published by its council, with its GSS code', () => {
    expect(materialJsonLd(material(), page)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'DigitalDocument',
      '@id': page,
      url: page,
      name: 'Bin collections discussion guide',
      description: 'Questions we asked residents.',
      datePublished: '2026-03-01T10:00:00.000Z',
      dateModified: '2026-04-02T09:30:00.000Z',
      inLanguage: 'en-GB',
      license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      encodingFormat: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      publisher: {
        '@type': 'GovernmentOrganization',
        name: 'Bristol City Council',
        identifier: { '@type': 'PropertyValue', propertyID: 'GSS', value: 'E06000023' },
      },
      keywords: 'Discovery, Interview or discussion guide, Waste and recycling, interviews',
    });
  });

  it('leaves out what the material does not have, and media type parameters', () => {
    const data = materialJsonLd(
      material({
        summary: '',
        lastUpdatedAt: null,
        licence: { spdx: 'LicenseRef-ask-owner', label: 'Ask the council', url: '' },
        council: null,
        file: { ...material().file, format: 'txt' },
      }),
      page,
    )!;
    expect(data).not.toHaveProperty('description');
    expect(data).not.toHaveProperty('license');
    expect(data).not.toHaveProperty('publisher');
    expect(data.dateModified).toBe('2026-03-01T10:00:00.000Z');
    expect(data.encodingFormat).toBe('text/plain');
    const noGss = materialJsonLd(material({ council: { slug: 'lga', name: 'Local Government Association', homepageUrl: null, gssCode: null } }), page)!;
    expect(noGss.publisher).toEqual({ '@type': 'GovernmentOrganization', name: 'Local Government Association' });
  });

  it('names the material it was adapted from only when the page gives it (a public source)', () => {
    const source = 'https://hub.example/materials/2f1c7c1e-9a0b-4b59-9f0e-6a1a0c1d2e3f';
    expect(materialJsonLd(material(), page, { isBasedOn: source })?.isBasedOn).toBe(source);
    expect(materialJsonLd(material(), page)).not.toHaveProperty('isBasedOn');
  });

  it('says nothing of drafts and withdrawn materials', () => {
    expect(materialJsonLd(material({ status: 'draft' }), page)).toBeUndefined();
    expect(materialJsonLd(material({ status: 'withdrawn' }), page)).toBeUndefined();
  });
});

describe('jsonLdScriptText', () => {
  it('cannot end its script element, whatever the title, and reads back as the same data', () => {
    const title = '</script><script>alert(1)</script><!-- & \u2028 \u2029 "quoted" \\';
    const text = jsonLdScriptText(materialJsonLd(material({ title, summary: title }), page)!);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    const back = JSON.parse(text) as { name: string; description: string };
    expect(back.name).toBe(title);
    expect(back.description).toBe(title);
  });
});
