import { describe, expect, it } from 'vitest';
import { materialInputSchema, parseTags } from './material-input';

describe('material answers', () => {
  it('fills in what may be left out: no summary, topics, tags, licence or visibility', () => {
    const parsed = materialInputSchema().parse({ title: '  Discovery   report ', phases: 'discovery', artefactType: 'other', kind: 'template' });
    expect(parsed).toMatchObject({
      title: 'Discovery report',
      summary: '',
      phases: ['discovery'],
      topics: [],
      tags: [],
      licence: 'OGL-UK-3.0',
      visibility: 'public',
    });
  });

  it('reads tags however people separate them, once each, in lower case', () => {
    expect(parseTags('Interviews, GDPR;  interviews\nOlder  residents')).toEqual(['interviews', 'gdpr', 'older residents']);
    expect(parseTags(['a, b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(parseTags(undefined)).toEqual([]);
  });

  it('refuses values from outside the vocabularies with the GOV.UK wording', () => {
    const result = materialInputSchema().safeParse({ title: 'x', phases: ['nonsense'], artefactType: 'x', kind: 'x', visibility: 'everyone' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages).toMatchObject({
      phases: 'Select phases from the list',
      artefactType: 'Select the type of material',
      kind: 'Select whether this is a template, a worked example or guidance',
      visibility: 'Select who can see it',
    });
  });
});
