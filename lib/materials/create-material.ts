import 'server-only';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canShareMaterial } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/viewer';
import { AppError, ValidationError, type FieldError } from '@/lib/errors';
import { materials, materialVersions, organisations, pendingUploads } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { newStorageKey } from '@/lib/storage/storage-key';
import { cleanFileName } from '@/lib/storage/content-disposition';
import { detectFormat, sniffBytes } from './detect-format';
import { drain, FileTooLargeError, MeasuringStream, peekHead } from './file-stream';
import { formatBytes, type FileFormat } from './formats';
import { fieldNames, materialInputSchema, type MaterialInput } from './material-input';

export interface IncomingFile {
  /** The name the file had on the sender's computer: shown to people, never used as a key. */
  fileName: string;
  stream: Readable;
}

export interface CreateMaterialRequest {
  /** Who is sharing it: a signed-in member (for their own organisation), or the hub itself (seed, import). */
  actor: Actor;
  /** Raw answers, as posted (strings or arrays of strings). Validated here. */
  fields: Record<string, unknown>;
  file: IncomingFile | undefined;
  /** Set by the starter-kit seeder so that seeding twice never duplicates. */
  seedKey?: string;
}

export interface CreatedMaterial {
  id: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Shares a new material: checks the answers and the file, streams the file to storage while measuring
 * and hashing it, then records the material and its first version in one transaction.
 *
 * Never half-written: a refused file is never stored; if storage fails no row is written; if the
 * database fails the stored file is deleted. The storage key is recorded in pending_uploads before any
 * byte is stored, so even a crash between the two leaves a key the sweeper can clean up.
 */
export async function createMaterial(services: Services, request: CreateMaterialRequest): Promise<CreatedMaterial> {
  const { actor } = request;
  if (!canShareMaterial(actor)) {
    if (request.file) await drain(request.file.stream, services.maxUploadBytes);
    throw actor.kind === 'anonymous'
      ? new AppError('unauthenticated', 'Sign in to share a material.')
      : new AppError('forbidden', 'Only members of a council or public body can share materials. Ask to join yours first.');
  }
  const { errors, input } = validateFields(request.fields);
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
  const file = request.file;
  if (!file || !file.fileName.trim()) {
    if (file) await drain(file.stream, services.maxUploadBytes);
    throw new ValidationError([...errors, { field: fieldNames.file!, message: 'Select a file' }]);
  }

  const fileName = cleanFileName(file.fileName);
  const { head, body } = await peekHead(file.stream, sniffBytes);
  const check = await detectFormat(fileName, head);
  if (!check.ok || !input || errors.length) {
    // Read to the end without storing anything, so the size can be reported alongside other problems.
    const { tooLarge } = await drain(body, services.maxUploadBytes);
    const fileError = !check.ok ? check.reason : tooLarge ? tooLargeMessage(services.maxUploadBytes) : undefined;
    throw new ValidationError([...errors, ...(fileError ? [{ field: fieldNames.file!, message: fileError }] : [])]);
  }

  return storeAndRecord(services, actor, { ...input, organisationId }, { fileName, format: check.format, body }, request.seedKey);
}

function validateFields(fields: Record<string, unknown>): { errors: FieldError[]; input?: MaterialInput } {
  const parsed = materialInputSchema().safeParse(fields);
  if (parsed.success) return { errors: [], input: parsed.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    const field = fieldNames[key] ?? key;
    if (seen.has(field)) continue; // one message per field, the first
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return { errors };
}

function tooLargeMessage(limit: number) {
  return `The selected file must be smaller than ${formatBytes(limit)}`;
}

async function storeAndRecord(
  services: Services,
  actor: Actor,
  input: MaterialInput & { organisationId: string | null },
  file: { fileName: string; format: FileFormat; body: Readable },
  seedKey: string | undefined,
): Promise<CreatedMaterial> {
  const { db, storage } = services;

  const storageKey = newStorageKey();
  try {
    await db.insert(pendingUploads).values({ storageKey });
  } catch (error) {
    await drain(file.body, services.maxUploadBytes).catch(() => undefined);
    console.error('[upload] database unavailable:', error);
    throw new AppError('database_unavailable', 'Your material could not be saved. Try again later.', [], { cause: error });
  }

  const measured = new MeasuringStream(services.maxUploadBytes);
  const measuring = pipeline(file.body, measured).catch((error: unknown) => error);
  try {
    await storage.put(storageKey, measured, { contentType: file.format.contentType });
  } catch (error) {
    const cause = (await measuring) ?? error;
    await forgetUpload(services, storageKey);
    if (cause instanceof FileTooLargeError) {
      throw new ValidationError([{ field: fieldNames.file!, message: tooLargeMessage(services.maxUploadBytes) }]);
    }
    console.error('[upload] storage failed:', error);
    throw new AppError('storage_unavailable', 'Your file could not be saved. Try again later.', [], { cause: error });
  }
  const streamError = await measuring;
  if (streamError) {
    await forgetUpload(services, storageKey);
    throw streamError;
  }

  try {
    const id = await db.transaction(async (tx) => {
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
          visibility: input.visibility,
          createdBy: actor.kind === 'user' ? actor.userId : null,
          sourceUrl: input.sourceUrl ?? null,
          attribution: input.attribution ?? null,
          seedKey: seedKey ?? null,
        })
        .returning({ id: materials.id });
      if (!material) throw new Error('insert returned no row');
      await tx.insert(materialVersions).values({
        materialId: material.id,
        versionNumber: 1,
        fileName: file.fileName,
        format: file.format.code,
        contentType: file.format.contentType,
        sizeBytes: measured.sizeBytes,
        sha256: measured.sha256,
        storageKey,
        createdBy: actor.kind === 'user' ? actor.userId : null,
      });
      await recordAuditEvent(tx, actor, {
        action: 'material.created',
        subjectType: 'material',
        subjectId: material.id,
        organisationId: input.organisationId,
        after: { title: input.title, visibility: input.visibility, fileName: file.fileName, sha256: measured.sha256 },
      });
      await tx.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
      return material.id;
    });
    return { id, sha256: measured.sha256, sizeBytes: measured.sizeBytes };
  } catch (error) {
    await forgetUpload(services, storageKey);
    console.error('[upload] database write failed:', error);
    throw new AppError('database_unavailable', 'Your material could not be saved. Try again later.', [], { cause: error });
  }
}

async function organisationIdFor(services: Services, councilSlug: string): Promise<string | undefined> {
  const [row] = await services.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, councilSlug));
  return row?.id;
}

/** Removes a stored object and its pending record; each step is best effort, the sweeper retries. */
async function forgetUpload(services: Services, storageKey: string) {
  try {
    await services.storage.delete(storageKey);
    await services.db.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
  } catch (error) {
    console.error('[upload] clean-up deferred to the sweeper:', (error as Error).message);
  }
}
