import 'server-only';
import { NextResponse } from 'next/server';
import type { KitZip } from '@/lib/kits/open-kit-zip';
import { attachmentDisposition } from '@/lib/storage/content-disposition';

/**
 * A kit's zip, as an attachment with the same safe headers as a single download
 * (lib/http/download-response.ts): never rendered on the hub's origin, never cached by a shared
 * cache (it is made for one viewer). Not allowed, or no such kit: 404.
 */
export function kitZipResponse(zip: KitZip | undefined): NextResponse {
  if (!zip) return new NextResponse('Kit not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const headers: Record<string, string> = {
    'content-type': 'application/zip',
    'content-disposition': attachmentDisposition(zip.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  };
  if (zip.sizeBytes !== undefined) headers['content-length'] = String(zip.sizeBytes);
  return new NextResponse(zip.body, { status: 200, headers });
}
