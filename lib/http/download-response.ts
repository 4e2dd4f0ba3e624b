import 'server-only';
import { Readable } from 'node:stream';
import { NextResponse } from 'next/server';
import type { Download } from '@/lib/materials/open-download';
import { attachmentDisposition } from '@/lib/storage/content-disposition';

/**
 * A file download, always as an attachment with the content type the server chose when it checked the
 * file: a user's file is never rendered on the hub's own origin. Nothing (not allowed, or missing): 404.
 */
export function downloadResponse(download: Download | undefined): NextResponse {
  if (!download) {
    return new NextResponse('Material not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (download.type === 'redirect') {
    return new NextResponse(null, {
      status: 303,
      headers: { location: download.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    });
  }
  return new NextResponse(Readable.toWeb(download.body) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'content-type': download.contentType,
      'content-length': String(download.sizeBytes),
      'content-disposition': attachmentDisposition(download.fileName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    },
  });
}
