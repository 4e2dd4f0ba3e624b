import { createHash } from 'node:crypto';
import { categoryOrder, describeLocation, likelihoodOrder, type Finding, type FindingCategory, type FindingKind, type Guidance, type Likelihood, type Location } from './findings';
import type { CheckReport, FindingCounts } from './report';

/** A finding as a reader or detector reports it, before repeats are merged and the list is ranked. */
export interface FindingDraft {
  category: FindingCategory;
  kind: FindingKind;
  likelihood: Likelihood;
  score: number;
  location: Location;
  excerpt: string;
  reason: string;
  /**
   * Findings with the same kind and key are one item found in several places (the council's phone
   * number in every footer). Hashed here and then dropped: the report never carries it.
   */
  key?: string;
  guidance?: Guidance;
}

/** The most findings of one kind the report lists; the rest are counted. */
export const MAX_LISTED_PER_KIND = 25;
const MAX_ALSO_AT = 5;

/**
 * Merges repeats, ranks and caps: likely personal data and hidden content first, then possible,
 * then unlikely, then accessibility signals; within a level, by score, then by where they are.
 */
export function buildReport(format: string, drafts: FindingDraft[], notes: string[]): CheckReport {
  const merged = new Map<string, Finding>();
  const unkeyed: Finding[] = [];
  for (const draft of drafts) {
    const finding: Finding = {
      category: draft.category,
      kind: draft.kind,
      likelihood: draft.likelihood,
      score: draft.score,
      location: draft.location,
      where: describeLocation(draft.location),
      excerpt: draft.excerpt,
      reason: draft.reason,
      occurrences: 1,
      alsoAt: [],
      ...(draft.guidance ? { guidance: draft.guidance } : {}),
    };
    if (draft.key === undefined) {
      unkeyed.push(finding);
      continue;
    }
    const id = `${draft.kind}:${createHash('sha256').update(draft.key).digest('hex')}`;
    const earlier = merged.get(id);
    if (!earlier) {
      merged.set(id, finding);
      continue;
    }
    earlier.occurrences++;
    // The same value is as likely personal as its most likely sighting.
    if (likelihoodOrder[finding.likelihood] < likelihoodOrder[earlier.likelihood] || finding.score > earlier.score) {
      earlier.likelihood = likelihoodOrder[finding.likelihood] < likelihoodOrder[earlier.likelihood] ? finding.likelihood : earlier.likelihood;
      earlier.score = Math.max(earlier.score, finding.score);
      earlier.reason = finding.reason;
    }
    if (earlier.alsoAt.length < MAX_ALSO_AT && finding.where !== earlier.where && !earlier.alsoAt.includes(finding.where)) earlier.alsoAt.push(finding.where);
  }

  const ranked = [...merged.values(), ...unkeyed].sort(compareFindings);
  const byKind: Partial<Record<FindingKind, number>> = {};
  const byLikelihood: Record<Likelihood, number> = { likely: 0, possible: 0, unlikely: 0, 'not-personal': 0 };
  const listed: Finding[] = [];
  for (const finding of ranked) {
    byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
    byLikelihood[finding.likelihood]++;
    if (byKind[finding.kind]! <= MAX_LISTED_PER_KIND) listed.push(finding);
  }
  const counts: FindingCounts = { byLikelihood, byKind, notListed: ranked.length - listed.length };
  return { status: 'checked', format, findings: listed, counts, notes };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    likelihoodOrder[a.likelihood] - likelihoodOrder[b.likelihood] ||
    categoryOrder[a.category] - categoryOrder[b.category] ||
    b.score - a.score ||
    locationOrder(a.location) - locationOrder(b.location)
  );
}

/** Document order, roughly: page, slide, paragraph or line number; properties first. */
function locationOrder(location: Location): number {
  switch (location.kind) {
    case 'properties':
    case 'document':
      return 0;
    case 'page':
      return location.page;
    case 'slide':
      return location.slide;
    case 'paragraph':
      return location.paragraph;
    case 'line':
      return location.line;
    case 'embedded-image':
      return 1_000_000 + location.index;
    default:
      return 1;
  }
}
