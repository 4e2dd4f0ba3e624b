/**
 * What each licence in the vocabulary (lib/taxonomy/data/licences.csv) lets others do with a material,
 * in the one place the hub decides it: whether an adaptation may be made ("Adapt this for my
 * council", lib/auth/permissions/adapt.ts) and what the adaptation's page must say about its source.
 *
 * licences.csv names the licences but not their terms, so the terms are written here from the licence
 * texts themselves. A licence not listed here (one added to the vocabulary later) is treated as
 * allowing nothing until it is described: refusing an adaptation is safe, allowing one is not.
 *
 * Pure data and functions: no database, safe to import from pages.
 */

export interface LicenceTerms {
  /** May others make and share changed versions ("derivatives", "adaptations")? */
  allowsDerivatives: boolean;
  /** Must a reuser credit the source (OGL and CC BY: yes; CC0 and public domain: no)? */
  requiresAttribution: boolean;
  /** Must an adaptation be shared under the same licence (CC BY-SA)? */
  shareAlike: boolean;
  /**
   * The statement the licence asks a reuser to make, with `{source}` standing for the source's
   * holder (its council) — or null when it asks for none.
   */
  attributionStatement: string | null;
}

const oglStatement = (version: string) => `Contains public sector information from {source} licensed under the Open Government Licence v${version}.`;

const terms: Record<string, LicenceTerms> = {
  // OGL v3 and v2: copy, adapt and exploit, with the attribution statement the licence gives.
  'OGL-UK-3.0': { allowsDerivatives: true, requiresAttribution: true, shareAlike: false, attributionStatement: oglStatement('3.0') },
  'OGL-UK-2.0': { allowsDerivatives: true, requiresAttribution: true, shareAlike: false, attributionStatement: oglStatement('2.0') },
  // CC BY 4.0 (section 3(a)): credit the creator, link the licence and indicate that changes were made.
  'CC-BY-4.0': {
    allowsDerivatives: true,
    requiresAttribution: true,
    shareAlike: false,
    attributionStatement: 'Adapted from a work by {source}, licensed under Creative Commons Attribution 4.0. Changes were made.',
  },
  // CC BY-SA 4.0: as CC BY, and the adaptation must carry the same (or a compatible) licence.
  'CC-BY-SA-4.0': {
    allowsDerivatives: true,
    requiresAttribution: true,
    shareAlike: true,
    attributionStatement: 'Adapted from a work by {source}, licensed under Creative Commons Attribution-ShareAlike 4.0. Changes were made.',
  },
  // CC0: no conditions at all. The hub still shows where it came from, as a courtesy.
  'CC0-1.0': { allowsDerivatives: true, requiresAttribution: false, shareAlike: false, attributionStatement: null },
  // MIT: modify and distribute, keeping the copyright and permission notice.
  MIT: {
    allowsDerivatives: true,
    requiresAttribution: true,
    shareAlike: false,
    attributionStatement: 'Based on a work by {source}, licensed under the MIT licence. The copyright and permission notice is kept.',
  },
  // Not openly licensed: nothing may be adapted without asking the council.
  'LicenseRef-ask-owner': { allowsDerivatives: false, requiresAttribution: true, shareAlike: false, attributionStatement: null },
};

const unknownTerms: LicenceTerms = { allowsDerivatives: false, requiresAttribution: true, shareAlike: false, attributionStatement: null };

/** The terms of a licence, by its SPDX identifier. */
export function licenceTerms(spdx: string): LicenceTerms {
  return Object.hasOwn(terms, spdx) ? terms[spdx]! : unknownTerms;
}

/** The licences whose terms are written here (a test checks every licence in the vocabulary is). */
export const licencesWithTerms: readonly string[] = Object.keys(terms);

/** The attribution statement for an adaptation of a material by `source` (a council's name), or null. */
export function attributionFor(spdx: string, source: string): string | null {
  return licenceTerms(spdx).attributionStatement?.replaceAll('{source}', source) ?? null;
}
