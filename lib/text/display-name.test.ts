import { describe, expect, it } from 'vitest';
import { displayName, displayNameProblem, givenName, normaliseDisplayName, personAndOrganisation } from './display-name';

describe('how people are named to others', () => {
  it('shows the name a person gave, tidied', () => {
    expect(givenName('  Sam   Jones ')).toBe('Sam Jones');
    expect(displayName('Sam Jones')).toBe('Sam Jones');
  });

  it('never shows an email address, even one typed as a name', () => {
    expect(givenName('sam.jones@bristol.gov.uk')).toBeNull();
    expect(givenName('Sam Jones <sam.jones@bristol.gov.uk>')).toBe('Sam Jones');
    expect(displayName('sam@example.org')).toBe('Name not given');
    expect(personAndOrganisation('sam@example.org', 'Bristol City Council')).toBe('a member of Bristol City Council');
  });

  it('says "Name not given" in lists, and names the council where there is no name', () => {
    expect(displayName(null)).toBe('Name not given');
    expect(displayName('   ')).toBe('Name not given');
    expect(personAndOrganisation(null, 'Bristol City Council')).toBe('a member of Bristol City Council');
    expect(personAndOrganisation('Sam Jones', 'Bristol City Council')).toBe('Sam Jones, Bristol City Council');
    expect(personAndOrganisation('Sam Jones', null)).toBe('Sam Jones');
    expect(personAndOrganisation(null, null)).toBeNull();
  });

  it('cuts very long names to 100 characters', () => {
    expect(givenName('A'.repeat(300))).toHaveLength(100);
  });

  it('checks a name someone gives themself: length, control characters, addresses', () => {
    expect(displayNameProblem('Sam Jones')).toBeUndefined();
    expect(displayNameProblem('Siân O’Brien-Øster')).toBeUndefined();
    expect(displayNameProblem('   ')).toBe('Enter your name');
    expect(displayNameProblem('é'.repeat(100))).toBeUndefined();
    expect(displayNameProblem('é'.repeat(101))).toBe('Your name must be 100 characters or fewer');
    for (const bad of ['Sam\nJones', 'Sam\tJones', 'Sam\u0000', 'Sam\u202eJones', 'Sam\u2066x']) {
      expect(displayNameProblem(bad), JSON.stringify(bad)).toBe('Your name must not contain line breaks, tabs or other control characters');
    }
    expect(displayNameProblem('sam@bristol.gov.uk')).toBe('Your name must not contain an email address');
    expect(displayNameProblem('Sam @ home')).toBe('Your name must not contain an email address');
    for (const bad of ['http://x.test', 'Sam www.example', 'Visit evil.com', 'bristol.gov.uk']) {
      expect(displayNameProblem(bad), bad).toBe('Your name must not contain a web address');
    }
    expect(normaliseDisplayName('  Sam   Jones ')).toBe('Sam Jones');
  });
});
