import { licenceTerms } from '../licence-terms';
import type { Actor, Viewer } from '../viewer';
import { canShareMaterial, canViewMaterial, type MaterialAccessFacts } from './materials';

/**
 * "Adapt this for my council": sharing a new material of one's own, pre-filled from another one and
 * recorded as adapted from it (lib/adapt).
 */

export interface AdaptableFacts extends MaterialAccessFacts {
  licence: string;
}

/**
 * Why a viewer may not adapt a material, or 'allowed'. 'not-found' means the viewer may not see it
 * (or it is a draft or withdrawn): say nothing more, as for any material they may not see.
 * 'sign-in' and 'join-first' are for pages to explain; 'licence' is said in plain words: the licence
 * does not allow changed versions (lib/auth/licence-terms.ts).
 */
export type AdaptDecision = 'allowed' | 'not-found' | 'sign-in' | 'join-first' | 'licence';

/**
 * Anyone who may share (a member of a council or other public body, or a site admin) may adapt a
 * published material they may see, from another council or their own, when its licence allows
 * derivatives. A draft or withdrawn material is not there to be reused.
 */
export function adaptDecision(viewer: Viewer | Actor, material: AdaptableFacts): AdaptDecision {
  if (viewer.kind === 'system') return material.status === 'published' && licenceTerms(material.licence).allowsDerivatives ? 'allowed' : 'licence';
  if (material.status !== 'published' || !canViewMaterial(viewer, material)) return 'not-found';
  if (viewer.kind === 'anonymous') return 'sign-in';
  if (!canShareMaterial(viewer)) return 'join-first';
  return licenceTerms(material.licence).allowsDerivatives ? 'allowed' : 'licence';
}

export function canAdaptMaterial(viewer: Viewer | Actor, material: AdaptableFacts): boolean {
  return adaptDecision(viewer, material) === 'allowed';
}

/**
 * Which side of a lineage a viewer is told about: the source of an adaptation only if they may see
 * it (published or not, by the material rule), and otherwise only that it was adapted from something.
 */
export function canSeeAdaptationSource(viewer: Viewer, source: MaterialAccessFacts): boolean {
  return canViewMaterial(viewer, source);
}
