import { expect } from 'vitest';
import type { Finding, FindingKind } from '../findings';
import type { CheckReport } from '../report';

/** The findings of a `checked` report (fails the test for anything else). */
export function findingsOf(report: CheckReport): Finding[] {
  expect(report.status).toBe('checked');
  return report.status === 'checked' ? report.findings : [];
}

/** The one finding of a kind at a place (by its words: "paragraph 3"); fails the test when there is not exactly one. */
export function findingAt(report: CheckReport, kind: FindingKind, where: string): Finding {
  const found = findingsOf(report).filter((f) => f.kind === kind && (f.where === where || f.alsoAt.includes(where)));
  expect(found, `${kind} at ${where}; found ${JSON.stringify(findingsOf(report).map((f) => `${f.kind} @ ${f.where}`))}`).toHaveLength(1);
  return found[0]!;
}

/** Every string in a report, joined: to prove a planted value never appears in it whole. */
export function reportText(report: CheckReport): string {
  return JSON.stringify(report);
}
