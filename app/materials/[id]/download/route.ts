import { currentViewer } from '@/lib/auth/current-viewer';
import { Readable } from 'node:stream';
import { NextResponse } from 'next/server';
import { openDownload } from '@/lib/materials/open-download';
import { services } from '@/lib/runtime';
import { attachmentDisposition } from '@/lib/storage/content-disposition';

export const dynamic = 'force-dynamic';

/**
 * Downloads the current file of a material, always as an attachment, with the content type the server
 * chose when it checked the file. A user's file is never rendered on the hub's own origin.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const download = await openDownload(await services(), await currentViewer(), id);
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
