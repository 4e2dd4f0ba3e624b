import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'content-disposition';
import { startS3Server, type S3TestServer } from '@/lib/testing/s3-server';
import { cleanFileName } from './content-disposition';
import { S3Store } from './s3-store';
import { newStorageKey } from './storage-key';

/*
 * What s3rver 3.7.1 does NOT enforce, found by trying (see node_modules/s3rver/lib/middleware/authentication.js):
 * - SigV4 signatures are never checked ("Signature version 4 calculation is unimplemented"): a presigned
 *   URL with another key, another response-content-type or a garbage X-Amz-Signature is served (200).
 *   Real S3 answers 403 SignatureDoesNotMatch. So the tamper tests below check, with an independent SigV4
 *   implementation, that our URLs' signatures cover the key, the response headers and the expiry (what
 *   makes real S3 refuse them), and over HTTP only what s3rver does check (access key id, expiry).
 * - There is no access control: anonymous requests act as the bucket owner, so an unsigned
 *   `GET ${endpoint}/${bucket}` lists the bucket (200) and anonymous GET/PUT of objects work too.
 *   Real S3 with Block Public Access (the default) answers 403. The one anonymous refusal s3rver has
 *   is response-header overrides on an unsigned GET, tested below. Check anonymous listing against
 *   the real bucket of each deployment.
 * - AbortMultipartUpload is not implemented (405), so aborted parts stay on s3rver's disk; S3Store
 *   still rejects with the stream's own error and no object appears (blob-store.contract.test.ts).
 */

const SECRET = 'S3RVER';

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Does the URL's X-Amz-Signature match a SigV4 query signature (S3, host-only, unsigned payload)? */
function hasValidSignature(rawUrl: string, secretAccessKey: string): boolean {
  const url = new URL(rawUrl);
  const query = [...url.searchParams.entries()].filter(([name]) => name !== 'X-Amz-Signature');
  const canonicalQuery = query
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .sort()
    .join('&');
  const signedHeaders = url.searchParams.get('X-Amz-SignedHeaders');
  if (signedHeaders !== 'host') return false; // anything else could not be fetched by a plain link
  const canonicalRequest = ['GET', url.pathname, canonicalQuery, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const amzDate = url.searchParams.get('X-Amz-Date') ?? '';
  const [, date = '', region = '', service = ''] = (url.searchParams.get('X-Amz-Credential') ?? '').split('/');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    `${date}/${region}/${service}/aws4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  return hmac(signingKey, stringToSign).toString('hex') === url.searchParams.get('X-Amz-Signature');
}

function withParam(rawUrl: string, name: string, value: string): string {
  const url = new URL(rawUrl);
  url.searchParams.set(name, value);
  return url.toString();
}

describe('S3Store presigned downloads (against s3rver)', () => {
  let server: S3TestServer;
  let store: S3Store;
  const key = newStorageKey();
  const otherKey = newStorageKey();
  const bytes = Buffer.from('<html><script>alert(1)</script></html>\n\u00e9\u6587', 'utf8');
  const fileName = 'Résumé "final"\u202Egpj.html';
  const contentType = 'application/octet-stream';

  beforeAll(async () => {
    server = await startS3Server();
    store = new S3Store(server.storageConfig);
    // Stored as text/html on purpose: the signed URL must override it.
    await store.put(key, Readable.from([bytes]), { contentType: 'text/html' });
    await store.put(otherKey, Readable.from([Buffer.from('someone else’s file')]), { contentType: 'text/plain' });
  });
  afterAll(() => server?.stop());

  const signedUrl = () => store.presignedDownloadUrl(key, { fileName, contentType });

  it('downloads the exact bytes with the disposition and type the server fixed', async () => {
    const response = await fetch(await signedUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    const disposition = parse(response.headers.get('content-disposition') ?? '');
    expect(disposition.type).toBe('attachment');
    expect(disposition.parameters.filename).toBe(cleanFileName(fileName));
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('signs one key, GET only, for the configured lifetime', async () => {
    const url = new URL(await signedUrl());
    expect(url.pathname).toBe(`/${server.bucket}/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(server.storageConfig.presignedUrlSeconds));
    expect(url.searchParams.get('x-id')).toBe('GetObject');
  });

  // Real S3 refuses these with 403 SignatureDoesNotMatch; s3rver would serve them (see the top).
  it('has a signature that covers the key, the response headers and the expiry', async () => {
    const url = await signedUrl();
    expect(hasValidSignature(url, SECRET)).toBe(true); // the verifier agrees with the SDK on a good URL
    const tampered = {
      key: url.replace(key, otherKey),
      contentType: withParam(url, 'response-content-type', 'text/html'),
      disposition: withParam(url, 'response-content-disposition', 'inline'),
      expiry: withParam(url, 'X-Amz-Expires', '604800'),
      signature: withParam(url, 'X-Amz-Signature', '0'.repeat(64)),
    };
    for (const [what, tamperedUrl] of Object.entries(tampered)) {
      expect(tamperedUrl, what).not.toBe(url);
      expect(hasValidSignature(tamperedUrl, SECRET), what).toBe(false);
    }
  });

  it('is refused (403) when the access key id or the signing time is tampered with', async () => {
    const url = await signedUrl();
    const credential = new URL(url).searchParams.get('X-Amz-Credential') ?? '';
    const unknownKey = withParam(url, 'X-Amz-Credential', credential.replace(/^S3RVER\//, 'ATTACKER/'));
    const anHourAgo = new Date(Date.now() - 3600_000).toISOString().replace(/[-:]|\.\d{3}/g, '');
    const backdated = withParam(url, 'X-Amz-Date', anHourAgo);
    for (const tamperedUrl of [unknownKey, backdated]) {
      const response = await fetch(tamperedUrl);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('<script>');
    }
  });

  it('is refused (403) once expired', async () => {
    const shortLived = new S3Store({ ...server.storageConfig, presignedUrlSeconds: 1 });
    const expiring = await shortLived.presignedDownloadUrl(key, { fileName, contentType });
    const control = await signedUrl(); // same moment, 60 s: proves the 403 below is the expiry
    await new Promise((resolve) => setTimeout(resolve, 2100)); // X-Amz-Date has whole-second precision
    const response = await fetch(expiring);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('expired');
    expect((await fetch(control)).status).toBe(200);
  });

  it('is refused when the signature is stripped but the response overrides are kept', async () => {
    const url = new URL(await signedUrl());
    for (const name of [...url.searchParams.keys()]) if (name.startsWith('X-Amz-')) url.searchParams.delete(name);
    const response = await fetch(url);
    // Real S3: 403 on a private bucket (or 400 InvalidRequest); s3rver: 400 InvalidRequest.
    expect([400, 403]).toContain(response.status);
    expect(await response.text()).not.toContain('<script>');
  });
});
