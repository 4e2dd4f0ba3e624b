import type { CheckReport, Finding } from '@/lib/checks';
import type { CheckStatus } from './check-version';

/**
 * What publishing a draft needs, from its file's check: plain facts, shared by the check page (what
 * to ask) and publishMaterial (what to insist on), so the two never disagree.
 */
export interface CheckFacts {
  checkStatus: CheckStatus;
  report: CheckReport | null;
  formatProblem: string | null;
}

export type PublishNeeds =
  /** The check has not finished: wait (the page says so). */
  | { kind: 'wait' }
  /** The file is not the format it claims: it can never be published; replace it. */
  | { kind: 'blocked'; message: string }
  /** Nothing found that may be about a person, or hidden: publishing needs one click. */
  | { kind: 'clear' }
  /** Findings (or a check that could not finish): publishing needs a reason, kept in the audit log. */
  | { kind: 'reason'; why: string };

/** Personal data and hidden content that may well matter: the findings that call for a reason. */
export function findingsNeedingAReason(report: CheckReport | null): Finding[] {
  if (!report || report.status !== 'checked') return [];
  return report.findings.filter((f) => f.category !== 'accessibility' && (f.likelihood === 'likely' || f.likelihood === 'possible'));
}

export function publishNeeds(facts: CheckFacts): PublishNeeds {
  if (facts.formatProblem) return { kind: 'blocked', message: facts.formatProblem };
  switch (facts.checkStatus) {
    case 'pending':
    case 'checking':
      return { kind: 'wait' };
    case 'skipped':
      return { kind: 'clear' };
    case 'failed':
      return { kind: 'reason', why: 'The check could not finish.' };
    case 'not-checked':
      return { kind: 'reason', why: 'Files of this type are not checked.' };
    case 'checked': {
      const findings = findingsNeedingAReason(facts.report);
      if (findings.length === 0) return { kind: 'clear' };
      const likely = findings.filter((f) => f.likelihood === 'likely').length;
      return {
        kind: 'reason',
        why: likely ? `The check found ${likely} thing${likely === 1 ? '' : 's'} likely to be personal or hidden.` : 'The check found things that may be personal or hidden.',
      };
    }
  }
}
