import { sql, type SQL } from 'drizzle-orm';
import type { CommitmentStatus } from './commitment-words';

/**
 * A commitment's status, worked out when read and never stored, so an overdue one never waits for a
 * job to notice. Kept means confirmed by the council with evidence still attached: evidence can go
 * without anyone removing it here (a material deleted for good takes its evidence row with it), so
 * the rule asks for both rather than trusting the confirmation alone. Kept commitments are never overdue. The TypeScript rule and its SQL twin (for the
 * filter on /commitments) sit together so they change together; the tests compare them.
 */
export function commitmentStatus(facts: { confirmedAt: Date | string | null; dueOn: string; evidenceCount: number }, today: string): CommitmentStatus {
  if (facts.confirmedAt !== null && facts.evidenceCount > 0) return 'kept';
  if (facts.dueOn < today) return 'overdue';
  return facts.evidenceCount > 0 ? 'in-progress' : 'planned';
}

/** The same rule as SQL, for the commitments table aliased as `c`. `today` is 'YYYY-MM-DD'. */
export function commitmentStatusSql(today: string): SQL {
  return sql`(CASE WHEN c.confirmed_at IS NOT NULL AND EXISTS (SELECT 1 FROM commitment_evidence e WHERE e.commitment_id = c.id) THEN 'kept'
                   WHEN c.due_on < ${today}::date THEN 'overdue'
                   WHEN EXISTS (SELECT 1 FROM commitment_evidence e WHERE e.commitment_id = c.id) THEN 'in-progress'
                   ELSE 'planned' END)`;
}
