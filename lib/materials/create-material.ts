import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canShareMaterial } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/viewer';
import { materials, organisations } from '@/lib/db/schema';
import { AppError, ValidationError, type FieldError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { DuplicateFileError, findVisibleDuplicate, shareAnywayField } from './find-duplicate';
import { insertVersion } from './insert-version';
import { fieldErrorsOf, single } from './material-access';
import { fieldNames, materialInputSchema, type MaterialInput } from './material-input';
import { queueTextExtraction } from './queue-text-extraction';
import { queuePreviews } from '@/lib/material-previews/queue-preview';
import { readMaterialProject } from '@/lib/projects/material-project';
import { adaptationSource, licenceErrorFor, type AdaptationSource } from '@/lib/adapt/adaptation-source';
import { checkIncomingFile, discardFile, storeFileThenRecord, type CheckedFile, type IncomingFile } from './store-file';

export type { IncomingFile } from './store-file';

export interface CreateMaterialRequest {
  /** Who is sharing it: a signed-in member (for their own organisation), or the hub itself (seed, import). */
  actor: Actor;
  /** Raw answers, as posted (strings or arrays of strings). Validated here. */
  fields: Record<string, unknown>;
  file: IncomingFile | undefined;
  /** Set by the starter-kit seeder so that seeding twice never duplicates. */
  seedKey?: string;
  /**
   * 'draft' (the default for people, and for the bulk import): seen only by the owning organisation
   * until its check has been seen and it is published (lib/file-checks/publish-material.ts).
   * 'published' (the default for the hub itself: the starter kit, tests' fixtures): public at once,
   * not checked.
   */
  status?: 'draft' | 'published';
  /**
   * "Adapt this for my council": the id of the material this one is adapted from. The actor must be
   * allowed to adapt it (lib/auth/permissions/adapt.ts), checked before the file is stored and again
   * when the row is written; it is recorded in `adapted_from_material_id`.
   */
  adaptedFrom?: string;
}

export interface CreatedMaterial {
  id: string;
  versionId: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Shares a new material: checks the answers and the file, streams the file to storage while measuring
 * and hashing it, then records the material and its first version in one transaction.
 *
 * A person sharing a file identical to one they can already find in the hub is refused with a link to
 * it (DuplicateFileError), unless they said to share it anyway (the `shareAnyway` field is 'yes').
 *
 * Never half-written: a refused file is never stored; if storage fails no row is written; if the
 * database fails the stored file is deleted. The storage key is recorded in pending_uploads before any
 * byte is stored, so even a crash between the two leaves a key the sweeper can clean up.
 */
export async function createMaterial(services: Services, request: CreateMaterialRequest): Promise<CreatedMaterial> {
  const { actor } = request;
  if (!canShareMaterial(actor)) {
    await discardFile(services, request.file);
    throw actor.kind === 'anonymous'
      ? new AppError('unauthenticated', 'Sign in to share a material.')
      : new AppError('forbidden', 'Only members of a council or public body can share materials. Ask to join yours first.');
  }
  let source: AdaptationSource | undefined;
  if (request.adaptedFrom !== undefined) {
    try {
      source = await adaptationSource(services.db, actor, request.adaptedFrom);
    } catch (error) {
      await discardFile(services, request.file);
      throw error;
    }
  }
  const { errors, input } = validateFields(request.fields);
  const licenceError = source && input ? licenceErrorFor(source, input.licence) : null;
  if (licenceError) errors.push({ field: fieldNames.licence ?? 'licence', message: licenceError });
  let organisationId: string | null = null;
  if (actor.kind === 'user' && !actor.isSiteAdmin) {
    // Members share for their own organisation, whatever the form said.
    organisationId = actor.organisation!.id;
  } else if (input?.council) {
    const found = await organisationIdFor(services, input.council);
    if (found) organisationId = found;
    else errors.push({ field: fieldNames.council!, message: 'Select a council from the list' });
  }
  if (input && input.visibility !== 'public' && !organisationId) {
    errors.push({ field: fieldNames.visibility!, message: 'Choose a council: only materials from a council can be kept to councils' });
  }
  // The project it belongs to, if one was chosen: one of its council's projects (lib/projects).
  const projectId = (await readMaterialProject(services.db, actor, organisationId, request.fields, errors)) ?? null;
  const file = await checkIncomingFile(services, request.file, errors, fieldNames.file);
  if (!input) throw new ValidationError(errors); // unreachable: no input means errors, refused above

  const status = request.status ?? (actor.kind === 'user' ? 'draft' : 'published');
  const checkDuplicates = actor.kind !== 'system' && single(request.fields[shareAnywayField]) !== 'yes';
  return storeAndRecord(services, actor, { ...input, organisationId, projectId, adaptedFrom: source?.id ?? null }, file, request.seedKey, status, checkDuplicates);
}

function validateFields(fields: Record<string, unknown>): { errors: FieldError[]; input?: MaterialInput } {
  const parsed = materialInputSchema().safeParse(fields);
  return parsed.success ? { errors: [], input: parsed.data } : { errors: fieldErrorsOf(parsed.error, fieldNames) };
}

async function storeAndRecord(
  services: Services,
  actor: Actor,
  input: MaterialInput & { organisationId: string | null; projectId: string | null; adaptedFrom: string | null },
  file: CheckedFile,
  seedKey: string | undefined,
  status: 'draft' | 'published',
  checkDuplicates: boolean,
): Promise<CreatedMaterial> {
  const created = await storeFileThenRecord(services, file, async (tx, stored) => {
    // The file's hash is known only once it is stored; refusing here deletes the stored copy.
    if (checkDuplicates && actor.kind !== 'system') {
      const existing = await findVisibleDuplicate(tx, actor, stored.sha256);
      if (existing) throw new DuplicateFileError(existing, fieldNames.file ?? 'file');
    }
    // Again, in the transaction: the source may have been withdrawn while the file was stored.
    if (input.adaptedFrom) await adaptationSource(tx, actor, input.adaptedFrom);
    const [material] = await tx
      .insert(materials)
      .values({
        title: input.title,
        summary: input.summary,
        phases: input.phases,
        artefactType: input.artefactType,
        kind: input.kind,
        topics: input.topics,
        tags: input.tags,
        licence: input.licence,
        organisationId: input.organisationId,
        projectId: input.projectId,
        visibility: input.visibility,
        createdBy: actor.kind === 'user' ? actor.userId : null,
        sourceUrl: input.sourceUrl ?? null,
        attribution: input.attribution ?? null,
        seedKey: seedKey ?? null,
        adaptedFromMaterialId: input.adaptedFrom,
        status,
      })
      .returning({ id: materials.id });
    if (!material) throw new Error('insert returned no row');
    const versionId = await insertVersion(tx, { materialId: material.id, versionNumber: 1, stored, actor, publishNow: status === 'published' });
    await recordAuditEvent(tx, actor, {
      action: 'material.created',
      subjectType: 'material',
      subjectId: material.id,
      organisationId: input.organisationId,
      after: {
        title: input.title,
        visibility: input.visibility,
        status,
        fileName: stored.fileName,
        sha256: stored.sha256,
        ...(input.projectId ? { projectId: input.projectId } : {}),
        ...(input.adaptedFrom ? { adaptedFrom: input.adaptedFrom } : {}),
      },
    });
    return { id: material.id, versionId, sha256: stored.sha256, sizeBytes: stored.sizeBytes };
  });
  await queueTextExtraction(services, [created.versionId]);
  await queuePreviews(services, [created.versionId]);
  return { id: created.id, versionId: created.versionId, sha256: created.sha256, sizeBytes: created.sizeBytes };
}

async function organisationIdFor(services: Services, councilSlug: string): Promise<string | undefined> {
  const [row] = await services.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, councilSlug));
  return row?.id;
}
