import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { visibilities, type Viewer } from '@/lib/auth/viewer';
import { materials } from '@/lib/db/schema';
import { ValidationError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { readMaterialProject } from '@/lib/projects/material-project';
import { fieldErrorsOf, materialToChange, single, type MaterialRow } from './material-access';
import { fieldNames, materialInputSchema } from './material-input';

/** The details people can change after sharing (the council and the file have their own ways). */
export const editableFields = ['title', 'summary', 'phases', 'artefactType', 'kind', 'topics', 'tags', 'licence', 'visibility'] as const;
export type EditableField = (typeof editableFields)[number];

export function updateMaterialSchema() {
  const base = materialInputSchema();
  return base
    .pick({ title: true, summary: true, phases: true, artefactType: true, kind: true, topics: true, tags: true, licence: true })
    .extend({
      // A form with the tags left empty may leave the field out altogether: that means no tags.
      tags: z.preprocess((value) => value ?? '', base.shape.tags),
      // Required here: a post that leaves it out must never quietly make a private material public.
      visibility: z.preprocess(single, z.enum(visibilities, { message: 'Select who can see it' })),
    });
}

export type MaterialChanges = Partial<Record<EditableField, unknown>>;

export interface UpdatedMaterial {
  id: string;
  /** The fields whose values changed (empty when the answers were the same as before). */
  changed: EditableField[];
}

/**
 * Changes a material's details (`keepUnsent`: fields not given keep their values): title, summary, phases, type, kind, service areas, tags, licence and who
 * can see it. Members of the owning organisation and site admins only ('not_found' for people who
 * cannot see it, 'forbidden' for people who can see but not change it). The row is read, checked and
 * changed under a lock in one transaction with an audit event holding the changed fields before and
 * after. Narrowing the visibility applies to the very next request and search: both read this row.
 */
export async function updateMaterial(
  services: Services,
  viewer: Viewer,
  materialId: string,
  given: Record<string, unknown>,
  options: { keepUnsent?: boolean } = {},
): Promise<UpdatedMaterial> {
  return services.db.transaction(async (tx) => {
    const row = await materialToChange(tx, viewer, materialId, true);
    // The API's PATCH sends only what changes: the rest keeps its current value, read from the locked
    // row, and the whole is then checked exactly as the edit form's answers are.
    const fields = options.keepUnsent ? { ...editableValues(row), ...given } : given;

    const parsed = updateMaterialSchema().safeParse(fields);
    const errors = parsed.success ? [] : fieldErrorsOf(parsed.error, fieldNames);
    if (parsed.success && parsed.data.visibility !== 'public' && !row.organisationId) {
      errors.push({ field: 'visibility', message: 'Select ‘Public’: this material does not belong to a council' });
    }
    // The project it belongs to (lib/projects): left as it is when the form does not send the field.
    const projectId = await readMaterialProject(tx, viewer, row.organisationId, fields, errors);
    if (!parsed.success || errors.length) throw new ValidationError(errors);

    const next = parsed.data;
    const current = editableValues(row);
    const changed = editableFields.filter((field) => comparable(field, current[field]) !== comparable(field, next[field]));
    const projectChanged = projectId !== undefined && projectId !== row.projectId;
    if (changed.length === 0 && !projectChanged) return { id: row.id, changed };

    await tx
      .update(materials)
      .set({ ...next, ...(projectChanged ? { projectId } : {}), updatedAt: new Date() })
      .where(eq(materials.id, row.id));
    await recordAuditEvent(tx, viewer, {
      action: 'material.updated',
      subjectType: 'material',
      subjectId: row.id,
      organisationId: row.organisationId,
      before: { ...pick(current, changed), ...(projectChanged ? { projectId: row.projectId } : {}) },
      after: { ...pick(next, changed), ...(projectChanged ? { projectId } : {}) },
    });
    return { id: row.id, changed };
  });
}

function editableValues(row: MaterialRow): Record<EditableField, unknown> {
  return {
    title: row.title,
    summary: row.summary,
    phases: row.phases,
    artefactType: row.artefactType,
    kind: row.kind,
    topics: row.topics,
    tags: row.tags,
    licence: row.licence,
    visibility: row.visibility,
  };
}

/** Phases and service areas are sets: ticking the same boxes in another order changes nothing. */
function comparable(field: EditableField, value: unknown): string {
  const sets: EditableField[] = ['phases', 'topics'];
  return JSON.stringify(sets.includes(field) && Array.isArray(value) ? [...value].sort() : value);
}

function pick(values: Record<EditableField, unknown>, fields: EditableField[]): MaterialChanges {
  return Object.fromEntries(fields.map((field) => [field, values[field]]));
}
