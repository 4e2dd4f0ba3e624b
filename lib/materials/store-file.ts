import 'server-only';
import { eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pendingUploads } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';
import { AppError, ValidationError, type FieldError } from '@/lib/errors';
import { formatBytes, type FileFormat } from '@/lib/formats/file-formats';
import type { Services } from '@/lib/services';
import { cleanFileName } from '@/lib/storage/content-disposition';
import { newStorageKey } from '@/lib/storage/storage-key';
import { detectFormat, sniffBytes } from './detect-format';
import { drain, FileTooLargeError, MeasuringStream, peekHead } from './file-stream';
import { logger } from '@/lib/logging';

/**
 * The streaming, all-or-nothing write path for a material's file, shared by sharing a new material
 * (create-material.ts) and replacing a material's file (replace-material-file.ts):
 *
 *   1. checkIncomingFile: the name and the first bytes together decide the format; a refused file (or a
 *      file sent with refused answers) is read to the end and never stored.
 *   2. storeFileThenRecord: the storage key is committed to pending_uploads first, then the bytes are
 *      streamed to storage through a MeasuringStream (size limit, sha256), then one transaction records
 *      the rows (given by the caller) and removes the pending key. Storage failure: no row. Database
 *      failure: the stored object is deleted. A crash in between: the sweeper deletes it later.
 */

export interface IncomingFile {
  /** The name the file had on the sender's computer: shown to people, never used as a key. */
  fileName: string;
  stream: Readable;
}

/** A file whose name and format have been checked, not yet read past its first bytes. */
export interface CheckedFile {
  fileName: string;
  format: FileFormat;
  body: Readable;
}

/** A file stored under a server-made key, measured and hashed on the way. */
export interface StoredFile {
  storageKey: string;
  fileName: string;
  format: FileFormat;
  sizeBytes: number;
  sha256: string;
}


export function tooLargeMessage(limit: number) {
  return `The selected file must be smaller than ${formatBytes(limit)}`;
}

/** Reads a file the request will not use to its end, storing nothing, so the request can finish. */
export async function discardFile(services: Services, file: IncomingFile | undefined): Promise<void> {
  if (file) await drain(file.stream, services.maxUploadBytes).catch(() => undefined);
}

/**
 * Checks the file's name and content. If the file is missing or refused, or `errors` (problems with the
 * other answers) is not empty, the file is read to the end without storing anything and a
 * ValidationError with every problem is thrown (the file's under `fileField`).
 */
export async function checkIncomingFile(
  services: Services,
  file: IncomingFile | undefined,
  errors: FieldError[],
  fileField = 'file',
): Promise<CheckedFile> {
  if (!file || !file.fileName.trim()) {
    await discardFile(services, file);
    throw new ValidationError([...errors, { field: fileField, message: 'Select a file' }]);
  }
  const fileName = cleanFileName(file.fileName);
  const { head, body } = await peekHead(file.stream, sniffBytes);
  const check = await detectFormat(fileName, head);
  if (!check.ok || errors.length) {
    // Read to the end without storing anything, so the size can be reported alongside other problems.
    const { tooLarge } = await drain(body, services.maxUploadBytes);
    const fileError = !check.ok ? check.reason : tooLarge ? tooLargeMessage(services.maxUploadBytes) : undefined;
    throw new ValidationError([...errors, ...(fileError ? [{ field: fileField, message: fileError }] : [])]);
  }
  return { fileName, format: check.format, body };
}

/**
 * Streams a checked file to storage, then calls `record` inside one transaction to write the rows that
 * point at it (the pending key is removed in the same transaction). If `record` throws an AppError
 * (say, the material was withdrawn from the person meanwhile), the stored object is deleted and that
 * error is thrown as it is; any other failure becomes 'database_unavailable'.
 */
export async function storeFileThenRecord<T>(
  services: Services,
  file: CheckedFile,
  record: (tx: Transaction, stored: StoredFile) => Promise<T>,
  fileField = 'file',
): Promise<T> {
  const { db, storage } = services;

  const storageKey = newStorageKey();
  try {
    await db.insert(pendingUploads).values({ storageKey });
  } catch (error) {
    await drain(file.body, services.maxUploadBytes).catch(() => undefined);
    logger('upload').error({ err: error }, 'database unavailable');
    throw new AppError('database_unavailable', 'Your material could not be saved. Try again later.', [], { cause: error });
  }

  const measured = new MeasuringStream(services.maxUploadBytes);
  // Which side failed decides what people are told: the sender's stream (their connection broke off)
  // or the store. A failing store also ends the pipeline, so the source's own error is noted here.
  let senderFailure: unknown;
  file.body.once('error', (error) => {
    // When the store fails first it ends `measured`, and the pipeline then tears the source down with
    // an error too: only an error while `measured` is still open is the sender's.
    if (!measured.destroyed) senderFailure ??= error;
  });
  const measuring = pipeline(file.body, measured).catch((error: unknown) => error);
  try {
    await storage.put(storageKey, measured, { contentType: file.format.contentType });
  } catch (error) {
    const streamFailure = await measuring;
    await forgetUpload(services, storageKey);
    if (streamFailure instanceof FileTooLargeError) {
      throw new ValidationError([{ field: fileField, message: tooLargeMessage(services.maxUploadBytes) }]);
    }
    if (senderFailure) {
      // The sender's connection broke off: not a storage problem, and nothing to log loudly.
      throw new AppError('bad_request', 'The upload was interrupted. Try again.', [], { cause: senderFailure });
    }
    logger('upload').error({ err: error }, 'storage failed');
    throw new AppError('storage_unavailable', 'Your file could not be saved. Try again later.', [], { cause: error });
  }
  const streamError = await measuring;
  if (streamError) {
    await forgetUpload(services, storageKey);
    throw streamError;
  }

  const stored: StoredFile = {
    storageKey,
    fileName: file.fileName,
    format: file.format,
    sizeBytes: measured.sizeBytes,
    sha256: measured.sha256,
  };
  try {
    return await db.transaction(async (tx) => {
      const result = await record(tx, stored);
      await tx.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
      return result;
    });
  } catch (error) {
    await forgetUpload(services, storageKey);
    if (error instanceof AppError) throw error;
    logger('upload').error({ err: error }, 'database write failed');
    throw new AppError('database_unavailable', 'Your material could not be saved. Try again later.', [], { cause: error });
  }
}

/** Removes a stored object and its pending record; each step is best effort, the sweeper retries. */
async function forgetUpload(services: Services, storageKey: string) {
  try {
    await services.storage.delete(storageKey);
    await services.db.delete(pendingUploads).where(eq(pendingUploads.storageKey, storageKey));
  } catch (error) {
    logger('upload').warn({ err: error }, 'clean-up deferred to the sweeper');
  }
}
