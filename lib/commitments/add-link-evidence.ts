import 'server-only';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canAddCommitmentEvidence } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { commitmentEvidence } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { fieldErrorsOf, single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { commitmentFor, requireSignedIn } from './commitment-access';
import { evidenceTitleLimit, evidenceUrlLimit } from './commitment-words';
import { cannotAddEvidence } from './add-material-evidence';

const text = (value: unknown) => String(single(value) ?? '').trim();

/** Web addresses only: a javascript: or data: link on a public page would run in readers' browsers. */
const webAddress = z
  .string()
  .min(1, 'Enter the web address of the evidence')
  .max(evidenceUrlLimit, `The web address must be ${evidenceUrlLimit} characters or fewer`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'Enter a web address starting with https:// or http://, like https://www.example.gov.uk/blog/our-discovery');

const schema = z.object({
  url: webAddress,
  title: z.string().min(1, 'Enter a title for the link').max(evidenceTitleLimit, `The title must be ${evidenceTitleLimit} characters or fewer`),
});

/**
 * Attaches a link as evidence (a blog post, a page on the council's site): http or https only, with
 * a title to show instead of the address. The council's members only (canAddCommitmentEvidence).
 */
export async function addLinkEvidence(services: Services, viewer: Viewer, commitmentId: unknown, fields: Record<string, unknown>): Promise<void> {
  await services.db.transaction(async (tx) => {
    const commitment = await commitmentFor(tx, viewer, commitmentId, canAddCommitmentEvidence, cannotAddEvidence, true);
    // Anyone signed out was refused above (the rule needs a member): this only tells TypeScript.
    const user = requireSignedIn(viewer, 'add evidence');
    const parsed = schema.safeParse({ url: text(fields.url), title: text(fields.title) });
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
    const [row] = await tx
      .insert(commitmentEvidence)
      .values({ commitmentId: commitment.id, url: parsed.data.url, title: parsed.data.title, addedBy: user.userId })
      .returning({ id: commitmentEvidence.id });
    await recordAuditEvent(tx, user, {
      action: 'commitment.evidence_added',
      subjectType: 'commitment',
      subjectId: commitment.id,
      organisationId: commitment.organisationId,
      after: { evidenceId: row!.id, url: parsed.data.url, title: parsed.data.title },
    });
  });
}
