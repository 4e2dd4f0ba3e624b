import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/viewer';
import type { CheckReport } from '@/lib/checks';
import { materials, materialVersions } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { checkVersion } from './check-version';
import { currentVersionCheck } from './version-check';

export interface ImportedFileCheck {
  /** check_status after the check ('checked', 'not-checked', 'failed'). */
  status: string;
  /** Findings of personal data or hidden content by likelihood (accessibility signals left out). */
  likely: number;
  possible: number;
  formatProblem: string | null;
  /** Whether the material was published; otherwise it stays a draft for its council to look at. */
  published: boolean;
  /** Why it was left as a draft. */
  heldBecause: string | null;
}

/**
 * The bulk import's check: the same check as an upload (lib/file-checks/check-version.ts), run here
 * and now; then the material is published unless its file is not the format it claims (never), or
 * the check found likely personal data or hidden content (unless `publishWithPersonalData`).
 */
export async function checkAndPublishImported(
  services: Services,
  actor: Actor,
  created: { id: string; versionId: string },
  options: { publishWithPersonalData?: boolean } = {},
): Promise<ImportedFileCheck> {
  await checkVersion(services, created.versionId);
  const version = await currentVersionCheck(services.db, created.id);
  const report = version?.checkReport as CheckReport | null;
  const findings = report?.status === 'checked' ? report.findings.filter((f) => f.category !== 'accessibility') : [];
  const likely = findings.filter((f) => f.likelihood === 'likely').length;
  const possible = findings.filter((f) => f.likelihood === 'possible').length;
  const formatProblem = version?.formatProblem ?? null;
  let heldBecause: string | null = null;
  if (formatProblem) heldBecause = `the file is not what it claims to be: ${formatProblem}`;
  else if (likely && !options.publishWithPersonalData) heldBecause = `the check found ${likely} likely personal detail${likely === 1 ? '' : 's'} or hidden content`;
  if (heldBecause || !version) return { status: version?.checkStatus ?? 'failed', likely, possible, formatProblem, published: false, heldBecause };

  await services.db.transaction(async (tx) => {
    const now = new Date();
    // Publishing is not an update of its details (see publish-material.ts).
    await tx.update(materials).set({ status: 'published' }).where(and(eq(materials.id, created.id), eq(materials.status, 'draft')));
    await tx.update(materialVersions).set({ publishedAt: now }).where(and(eq(materialVersions.id, version.id), isNull(materialVersions.publishedAt)));
    await recordAuditEvent(tx, actor, {
      action: likely ? 'material.published_with_findings' : 'material.published',
      subjectType: 'material',
      subjectId: created.id,
      organisationId: null,
      after: { status: 'published', check: version.checkStatus, likely, possible, ...(likely ? { reason: 'bulk import told to publish files with personal data' } : {}) },
    });
  });
  return { status: version.checkStatus, likely, possible, formatProblem, published: true, heldBecause: null };
}
