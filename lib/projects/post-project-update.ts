import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canPostProjectUpdate, canViewMaterial } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { requireSignedIn } from '@/lib/commitments/commitment-access';
import { todayInLondon } from '@/lib/text/calendar-days';
import { materials, projectReminders, projects, projectUpdateMaterials, projectUpdates } from '@/lib/db/schema';
import { AppError, ValidationError, type FieldError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { projectFor } from './project-access';
import { readLinks } from './project-links';
import { projectPhases, projectUpdateLimit } from './project-words';

const text = (value: unknown) => String(single(value) ?? '').trim();
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value ? [value] : []).map((v) => String(v).trim()).filter(Boolean);

/**
 * Posts a dated update to a project (canPostProjectUpdate: its council's members and accepted
 * partners'): some text, optional links, materials the poster may see, and optionally a new phase,
 * which moves the project's phase in the same transaction ("moving phase is an update"). Posting
 * forgets the quiet-project reminders sent, so the next quiet spell is reminded of too.
 */
export async function postProjectUpdate(services: Services, viewer: Viewer, projectId: unknown, fields: Record<string, unknown>, options: { now?: Date } = {}): Promise<{ id: string }> {
  return services.db.transaction(async (tx) => {
    const row = await projectFor(tx, viewer, projectId, canPostProjectUpdate, () => new AppError('forbidden', 'Only the project’s council and its partner councils can post updates'), true);
    const user = requireSignedIn(viewer, 'post an update');
    const errors: FieldError[] = [];

    const body = text(fields.body);
    if (!body) errors.push({ field: 'body', message: 'Write the update' });
    else if (body.length > projectUpdateLimit) errors.push({ field: 'body', message: `The update must be ${projectUpdateLimit} characters or fewer` });

    const phaseText = text(fields.phase);
    const phase = phaseText ? z.enum(projectPhases).safeParse(phaseText) : undefined;
    if (phase && !phase.success) errors.push({ field: 'phase', message: 'Choose a phase from the list' });
    const phaseTo = phase?.success && phase.data !== row.phase ? phase.data : null;

    const links = readLinks(fields, errors);

    const materialIds = [...new Set(list(fields.materials))];
    const found = materialIds.length && materialIds.every((id) => z.uuid().safeParse(id).success) && materialIds.length <= 20
      ? await tx.select({ id: materials.id, title: materials.title, status: materials.status, visibility: materials.visibility, organisationId: materials.organisationId }).from(materials).where(inArray(materials.id, materialIds))
      : [];
    // A material the poster may not see gets the same message as one that does not exist.
    const attachable = found.filter((m) => canViewMaterial(user, m) && m.status === 'published');
    if (attachable.length !== materialIds.length) errors.push({ field: 'materials', message: 'Choose materials from the list' });

    if (errors.length > 0) throw new ValidationError(errors);

    const [update] = await tx
      .insert(projectUpdates)
      .values({
        projectId: row.id,
        organisationId: user.organisation?.id ?? null,
        postedBy: user.userId,
        postedOn: todayInLondon(options.now),
        body,
        links,
        phaseFrom: phaseTo ? row.phase : null,
        phaseTo,
        ...(options.now ? { createdAt: options.now } : {}),
      })
      .returning({ id: projectUpdates.id });
    const id = update!.id;
    if (attachable.length) await tx.insert(projectUpdateMaterials).values(attachable.map((m) => ({ updateId: id, materialId: m.id })));
    await tx.update(projects).set({ ...(phaseTo ? { phase: phaseTo } : {}), updatedAt: options.now ?? new Date() }).where(eq(projects.id, row.id));
    await tx.delete(projectReminders).where(eq(projectReminders.projectId, row.id));
    await recordAuditEvent(tx, user, {
      action: 'project.update_posted',
      subjectType: 'project',
      subjectId: row.id,
      organisationId: row.organisationId,
      after: { updateId: id, phaseFrom: phaseTo ? row.phase : null, phaseTo, materialIds: attachable.map((m) => m.id), links: links.length },
    });
    return { id };
  });
}
