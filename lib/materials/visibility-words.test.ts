import { describe, expect, it } from 'vitest';
import { whoCanFindItNow, whoCanSeeItNow } from './visibility-words';

describe('who can see a material, in words', () => {
  it('says the visibility of a published material', () => {
    expect(whoCanSeeItNow('public', 'published', 'Bristol City Council')).toBe('Public – anyone can find and download it');
    expect(whoCanSeeItNow('organisation', 'published', 'Bristol City Council')).toBe(
      'Only Bristol City Council – members of Bristol City Council only',
    );
  });

  it('says only its council can open a withdrawn material, never "Public"', () => {
    const words = whoCanSeeItNow('public', 'withdrawn', 'Bristol City Council');
    expect(words).toMatch(/^Only members of Bristol City Council and site administrators, while it is withdrawn\./);
    expect(words).not.toMatch(/^Public/);
    expect(words).toContain('If it is restored: public – anyone can find and download it');
  });

  it('matches the banner after sharing to the visibility chosen', () => {
    expect(whoCanFindItNow('public', 'Bristol City Council')).toMatch(/^Anyone can now find it/);
    expect(whoCanFindItNow('councils', 'Bristol City Council')).toMatch(/council or public body/);
    const ownCouncil = whoCanFindItNow('organisation', 'Bristol City Council');
    expect(ownCouncil).toMatch(/^Only members of Bristol City Council can find it\./);
    expect(ownCouncil).not.toMatch(/Other councils can now find it/);
  });
});
