import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnvironment, sleep, tail } from './next-server';

const projectRoot = path.resolve(__dirname, '..', '..');

/** s3rver in a process of its own, so its memory is not counted with the benchmark's or the server's. */
export interface S3Process {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * lib/testing/s3-server-cli.ts (startS3Server) in a child process, so that s3rver's work neither shares
 * the benchmark's event loop (which sends the upload) nor counts in the benchmark's own memory.
 */
export async function startS3Process(port: number, directory: string, logFile: string): Promise<S3Process> {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'lib', 'testing', 's3-server-cli.ts'), directory], {
    cwd: projectRoot,
    env: childEnvironment({ S3_TEST_PORT: String(port) }),
    stdio: ['ignore', 'pipe', out],
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exit.then(() => false), sleep(5000).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exit;
    }
  };
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`s3rver did not start within 30 s:\n${text}\n${tail(logFile)}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited (${code}):\n${text}\n${tail(logFile)}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  child.stdout!.resume();
  const match = /listening on (http:\/\/127\.0\.0\.1:\d+) \(bucket ([^,]+),/.exec(banner);
  if (!match) {
    await stop();
    throw new Error(`unexpected s3rver banner: ${banner}`);
  }
  return { endpoint: match[1]!, bucket: match[2]!, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', pid: child.pid!, stop };
}
