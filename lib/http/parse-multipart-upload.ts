import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '@/lib/errors';
import type { IncomingFile } from '@/lib/materials/create-material';

export type UploadFields = Record<string, string | string[]>;

/**
 * Streams a multipart/form-data request (the upload form, posted with or without JavaScript) without
 * ever holding the file in memory. Text fields are collected; when the part named `file` begins,
 * `onFile` is called with the fields so far and the file as a stream, which it must read to the end.
 * The file must be the last part (the form puts its file input last), so every answer is known before
 * the first byte is stored. If no file is sent, `onFile` gets `undefined` once the request has ended.
 *
 * `fileSizeLimit` is passed on so that busboy stops reading one byte past it: the consumer sees
 * limit + 1 bytes and refuses the file, and an oversized upload is never read in full into anything.
 */
export async function parseMultipartUpload<T>(
  request: Request,
  fileSizeLimit: number,
  onFile: (fields: UploadFields, file: IncomingFile | undefined) => Promise<T>,
): Promise<{ fields: UploadFields; result: T }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !request.body) {
    throw new AppError('bad_request', 'Send the material as multipart/form-data.');
  }

  return new Promise((resolve, reject) => {
    const fields: UploadFields = {};
    let fileHandled: Promise<T> | undefined;
    let settled = false;
    let broken = false;
    const succeed = (result: T) => {
      if (settled) return;
      settled = true;
      resolve({ fields, result });
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    };

    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: { fileSize: fileSizeLimit + 1, files: 1, fields: 100, fieldSize: 64 * 1024, parts: 110 },
      });
    } catch {
      // A multipart content type with no boundary, or one busboy cannot use.
      fail(new AppError('bad_request', 'Send the material as multipart/form-data.'));
      return;
    }

    /**
     * The request broke off (the connection dropped) or is malformed. A file being read ends with the
     * same error, so `onFile` stops and removes anything it began to store; answer only once it has,
     * so nothing is left behind and nothing is still running. If the file had already arrived whole
     * (busboy ends a file only at its closing boundary) and was recorded, that stands.
     */
    const breakOff = (error: AppError) => {
      if (broken) return;
      broken = true;
      if (!parser.destroyed) parser.destroy(error);
      if (!fileHandled) return fail(error);
      fileHandled.then(succeed, () => fail(error));
    };

    parser.on('field', (name, value) => {
      if (fileHandled) return; // answers after the file are ignored: the file must come last
      const existing = fields[name];
      fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    });

    parser.on('file', (name, stream, info) => {
      // A request cut off mid-file ends the file stream with an error. Whoever reads it sees that error
      // through their own listener; this one keeps a file nobody is reading from crashing the process.
      stream.on('error', () => undefined);
      if (name !== 'file' || fileHandled) {
        stream.resume(); // not ours, or a second file: discard it
        return;
      }
      // A form whose file input was left empty still sends the part, with no name and no bytes.
      const file = info.filename ? { fileName: info.filename, stream } : undefined;
      if (!file) stream.resume();
      fileHandled = onFile(fields, file).finally(() => {
        // Whatever happened, read the rest so the request can finish.
        if (!stream.readableEnded && !stream.destroyed) stream.resume();
      });
      fileHandled.catch((error: unknown) => {
        if (!broken) fail(error); // if the request broke off, breakOff answers
      });
    });

    parser.on('close', () => {
      if (broken) return;
      fileHandled ??= onFile(fields, undefined);
      fileHandled.then(succeed, fail);
    });
    parser.on('error', () => breakOff(new AppError('bad_request', 'The upload could not be read. Try again.')));

    const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
    body.on('error', () => breakOff(new AppError('bad_request', 'The upload was interrupted. Try again.')));
    body.pipe(parser);
  });
}
