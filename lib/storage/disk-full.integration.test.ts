import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The local disk filling up under the embedded store, for real: the storage folder is a 256 KB tmpfs,
 * mounted in a mount namespace of its own (`unshare --map-root-user --mount`, as the LibreOffice sandbox
 * needs user namespaces too), and a 2 MB file is stored into it (testing/fill-the-disk.ts).
 * What must follow: a plain "no space" error (the sharing form then says the file could not be stored,
 * as for any storage failure: create-material.integration.test.ts), no half-written file left taking
 * space, and the next, smaller file stored without a restart.
 */
describe('the local disk full', () => {
  it('refuses the file with ENOSPC, leaves nothing half-written, and takes the next file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-full-disk-'));
    try {
      const tsx = path.join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
      const script = 'mount -t tmpfs -o size=256k tmpfs "$1" && exec "$2" "$3" --conditions=react-server lib/storage/testing/fill-the-disk.ts "$1"';
      const run = spawnSync('unshare', ['--map-root-user', '--mount', 'sh', '-c', script, 'sh', root, process.execPath, tsx], {
        cwd: process.cwd(),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const outcome = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(outcome).toEqual({ bigError: 'ENOSPC', leftAfterFailure: [], keysAfterFailure: [], readBack: 'a small research plan' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
