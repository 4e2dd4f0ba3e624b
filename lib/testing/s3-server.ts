import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error -- s3rver ships no type declarations; the little we use is typed below.
import S3rverModule from 's3rver';
import type { StorageConfig } from '@/lib/config';

// No `import 'server-only'` here on purpose: like databases.ts this helper also runs under Playwright
// and benchmark scripts, where nothing aliases `server-only` away and importing it would throw.

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = S3rverModule as S3rverConstructor;

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  accessKeyId: 'S3RVER';
  secretAccessKey: 'S3RVER';
  storageConfig: Extract<StorageConfig, { driver: 's3' }>;
  stop(): Promise<void>;
}

/**
 * s3rver (a real S3 wire-protocol server on disk) on 127.0.0.1 with an empty bucket. Port 0 picks a free
 * port; a temp directory is made (and removed by stop) unless one is given. s3rver's hard-coded
 * credentials are S3RVER/S3RVER. It is unmaintained and lax (see s3-store.test.ts): tests only.
 */
export async function startS3Server(
  options: { port?: number; directory?: string; bucket?: string } = {},
): Promise<S3TestServer> {
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(path.join(os.tmpdir(), 'dc-s3rver-')));
  const bucket = options.bucket ?? 'discovery-commons-test';
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory,
    silent: true, // s3rver logs every request to the console otherwise
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    storageConfig: {
      driver: 's3',
      bucket,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true, // s3rver has no virtual-host buckets on 127.0.0.1
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      presignedUrlSeconds: 60,
    },
    async stop() {
      await server.close();
      if (ownDirectory) await rm(directory, { recursive: true, force: true });
    },
  };
}
