import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import { fieldErrorsOf, materialToChange } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { vocabularies } from '@/lib/taxonomy/vocabularies';

const list = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(50));

/**
 * Adds the suggested tags the uploader ticked (from the check page) to the material: a type replaces
 * the one chosen on the form (or "keep" leaves it), phases and service areas are added to those
 * already chosen. Nothing is added unless it was ticked. Who: whoever may change the material.
 */
export async function acceptSuggestedTags(services: Services, viewer: Viewer, materialId: string, fields: Record<string, unknown>): Promise<{ id: string }> {
  const v = vocabularies();
  const schema = z.object({
    artefactType: z.preprocess(
      (x) => (Array.isArray(x) ? x[0] : x) ?? 'keep',
      z.string().refine((s) => s === 'keep' || v.artefactTypes.some((t) => t.slug === s), 'Select the type of material'),
    ),
    phases: list.pipe(z.array(z.string().refine((s) => v.phases.some((p) => p.slug === s), 'Select phases from the list'))),
    topics: list.pipe(z.array(z.string().refine((s) => v.topics.some((t) => t.slug === s), 'Select service areas from the list'))),
  });
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new ValidationError(fieldErrorsOf(parsed.error));
  const { artefactType, phases, topics } = parsed.data;
  return services.db.transaction(async (tx) => {
    const row = await materialToChange(tx, viewer, materialId, true);
    const next = {
      artefactType: artefactType === 'keep' ? row.artefactType : artefactType,
      phases: v.phases.map((p) => p.slug).filter((slug) => row.phases.includes(slug) || phases.includes(slug)),
      topics: [...new Set([...row.topics, ...topics])],
    };
    await tx.update(materials).set({ ...next, updatedAt: new Date() }).where(eq(materials.id, row.id));
    await recordAuditEvent(tx, viewer, {
      action: 'material.suggested_tags_accepted',
      subjectType: 'material',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { artefactType: row.artefactType, phases: row.phases, topics: row.topics },
      after: next,
    });
    return { id: row.id };
  });
}
