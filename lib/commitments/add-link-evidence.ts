import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { ValidationError } from '@/lib/errors';
import { fieldErrorsOf, single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { evidenceTitleLimit, evidenceUrlLimit } from './commitment-words';
import { addEvidence } from './add-evidence';

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
  await addEvidence(services, viewer, commitmentId, async () => {
    const parsed = schema.safeParse({ url: text(fields.url), title: text(fields.title) });
    if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
    return { values: { url: parsed.data.url, title: parsed.data.title }, audit: { url: parsed.data.url, title: parsed.data.title } };
  });
}
