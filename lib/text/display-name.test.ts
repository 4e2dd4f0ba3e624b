import { describe, expect, it } from 'vitest';
import { displayName, givenName, personAndOrganisation } from './display-name';

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
});
