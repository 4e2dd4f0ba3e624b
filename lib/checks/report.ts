import type { FailureReason } from '@/lib/extract/result';
import type { Finding, FindingKind, Likelihood } from './findings';

/**
 * The result of checking one file. `checked` means the file was read and these are the findings
 * (possibly none); `not-checked` means the format is not one this library reads (said plainly in
 * `message`); `failed` means the file could not be read within the limits, with a plain reason.
 */
export type CheckReport =
  | {
      status: 'checked';
      format: string;
      /** Ranked: likely personal data first, then possible, then unlikely, then accessibility signals. */
      findings: Finding[];
      counts: FindingCounts;
      /** Things the uploader should know about how far the check went, in plain English. */
      notes: string[];
    }
  | { status: 'not-checked'; format: string; message: string }
  | { status: 'failed'; format: string; reason: FailureReason; message: string };

export interface FindingCounts {
  /** Distinct findings by likelihood (personal data and hidden content together). */
  byLikelihood: Record<Likelihood, number>;
  /** Distinct findings of each kind, including any left out of `findings` by the per-kind cap. */
  byKind: Partial<Record<FindingKind, number>>;
  /** Findings counted but not listed, because one kind had more than the report lists. */
  notListed: number;
}
