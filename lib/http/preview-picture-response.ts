import 'server-only';
import { Readable } from 'node:stream';
import { NextResponse } from 'next/server';
import type { PreviewPictureAnswer } from '@/lib/material-previews/open-preview-picture';

/**
 * A preview's picture: a WebP the hub made itself (lib/previews re-encodes every picture), served
 * with that content type, never sniffed, under a CSP that allows nothing. Kept only by the viewer's
 * browser (`private`): for a public material for five minutes; for anything else never stored, so a
 * narrowed visibility or a lost membership shows on the very next load.
 * Not allowed (or no such material): the same 404 as a download. No such picture: a 404 that says so.
 */
export function previewPictureResponse(answer: PreviewPictureAnswer): NextResponse {
  if (answer.status === 'not_found') return plain404('Material not found');
  if (answer.status === 'no_picture') return plain404('This preview has no such page or picture');
  return new NextResponse(Readable.toWeb(answer.body) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'content-type': answer.contentType,
      'content-length': String(answer.sizeBytes),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'cache-control': answer.publicMaterial ? 'private, max-age=300' : 'private, no-store',
    },
  });
}

function plain404(text: string): NextResponse {
  return new NextResponse(text, {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' },
  });
}

/** The optional `?version=N` of a preview address (the version's number; absent: the current version). */
export function versionQuery(request: Request): string | undefined {
  return new URL(request.url).searchParams.get('version') ?? undefined;
}
