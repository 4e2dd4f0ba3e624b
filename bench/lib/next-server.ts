/**
 * For benchmarks that drive the production build over HTTP (upload-memory.ts, upload-to-searchable.ts):
 * free ports, the web server (`npm start`, lib/cli/web-server.ts) in a process group of its own, a signed-in council member (a database
 * session made before the server starts, as signing in by email would), multipart uploads streamed from
 * disk, and waiting for anyone else's `next build` to finish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import { Client } from 'pg';
import type { DatabaseConfig } from '@/lib/config';
import { hashSessionToken } from '@/lib/sign-in/drizzle-adapter';
import { openDatabase } from '@/lib/db/client';
import { organisations, sessions, users } from '@/lib/db/schema';
import { syncVocabularies } from '@/lib/taxonomy/sync-vocabularies';
import { testSettings } from '@/lib/testing/settings';
import { projectRoot } from './report';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function log(message: string) {
  console.log(`[bench] ${message}`);
}

// ---- Ports ---------------------------------------------------------------------------------------------

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A free port in [first, last], skipping ones already handed out by this run. */
export async function freePort(taken: Set<number>, first: number, last: number): Promise<number> {
  for (let port = first; port <= last; port++) {
    if (taken.has(port)) continue;
    if (await portIsFree(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${first}–${last}`);
}

// ---- The production build ------------------------------------------------------------------------------

/** Pids of any `next build` running on this machine (another engineer's, say): it rewrites .next under us. */
function runningNextBuilds(): number[] {
  const pids: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const command = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const at = command.findIndex((part) => /(^|\/)next$/.test(part));
      if (at >= 0 && command[at + 1] === 'build') pids.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return pids;
}

export async function waitForNoBuild(): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  let said = false;
  for (let pids = runningNextBuilds(); pids.length; pids = runningNextBuilds()) {
    if (Date.now() > deadline) throw new Error(`a \`next build\` (pid ${pids.join(', ')}) is still running after 10 minutes`);
    if (!said) log(`waiting for a running \`next build\` (pid ${pids.join(', ')}) to finish…`);
    said = true;
    await sleep(2000);
  }
}

/** The build in .next (its id and when it was made), or null when there is none. */
/** PGlite is the server's alone while it runs: wait until its log (the worker's jobs) has been quiet for 10 s. */
export async function waitForQuietLog(logFile: string): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  let size = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const now = fs.statSync(logFile).size;
    if (now !== size) {
      size = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince > 10_000) return;
    await sleep(1000);
  }
  throw new Error('the worker was still busy after 10 minutes');
}

export function currentBuild(): { id: string; builtAt: string } | null {
  const file = path.join(projectRoot, '.next', 'BUILD_ID');
  if (!fs.existsSync(file)) return null;
  return { id: fs.readFileSync(file, 'utf8').trim(), builtAt: fs.statSync(file).mtime.toISOString() };
}

// ---- The server ----------------------------------------------------------------------------------------

export interface RunningServer {
  child: ChildProcess;
  origin: string;
  logFile: string;
  stop(): Promise<void>;
}

/** The settings production insists on for sign-in; the session is made in the database, so no email is ever sent. */
export function productionSignInSettings(origin: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: origin,
    SMTP_HOST: '127.0.0.1', // nothing listens on port 9
    SMTP_PORT: '9',
    SMTP_FROM: 'Discovery Commons benchmark <no-reply@127.0.0.1>',
  };
}

/** A project program run with Node in a process group of its own (no npm wrapper), logging to `logFile`. */
export interface GroupProcess {
  child: ChildProcess;
  /** Has it exited? */
  exited(): boolean;
  /** SIGTERM to the whole group, then SIGKILL after `graceMs` if it is still running. */
  stop(): Promise<void>;
}

export function startProcessGroup(args: string[], env: Record<string, string>, logFile: string, graceMs: number): GroupProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: childEnvironment(env), stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timedOut = await Promise.race([exit.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      await exit;
    }
  };
  return { child, exited: () => exited, stop };
}

export async function startNextServer(port: number, env: Record<string, string>, logFile: string): Promise<RunningServer> {
  // The same program `npm start` runs (lib/cli/web-server.ts), started without npm's wrapper so that the
  // wrapper's own memory is not counted as the server's. Its own process group, so the whole tree can be stopped.
  const { child, exited, stop } = startProcessGroup(['--import', 'tsx', path.join('lib', 'cli', 'web-server.ts'), '-H', '127.0.0.1', '-p', String(port)], env, logFile, 5000);
  const origin = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited()) throw new Error(`the web server exited early; its log:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${origin}/`, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not answer within 90 s; its log:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  return { child, origin, logFile, stop };
}

/** The parent's environment without any hub setting, so only what the benchmark sets reaches the server. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(DATABASE_|S3_|DATA_DIR$|MAX_UPLOAD_BYTES$|SEED_STARTER_KIT$|PORT$|MEILI_|NODE_OPTIONS$|AUTH_|NEXTAUTH_|SMTP_|ENTRA_|RUN_WORKER_IN_WEB$|WORKER_)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra } as unknown as NodeJS.ProcessEnv;
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---- Databases and signing in ------------------------------------------------------------------------

/** Drops and re-creates `name` on the test Postgres server; answers its URL. */
export async function resetDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: testSettings.postgresUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testSettings.postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Before the server starts, with the app's own code: migrates the database, loads the vocabularies (the
 * councils among them) and adds a member of Bristol City Council with a database session, as signing in
 * by email would (lib/sign-in/drizzle-adapter.ts). Answers the session cookie. (PGlite is one process's at
 * a time: the server opens it after this has closed it.)
 */
export async function prepareDatabase(settings: DatabaseConfig, email = 'benchmark@bristol.gov.uk'): Promise<string> {
  const database = await openDatabase(settings);
  try {
    await database.migrate();
    await syncVocabularies(database.db);
    const [council] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, 'bristol'));
    if (!council) throw new Error('the council "bristol" is not in the vocabularies');
    const [user] = await database.db
      .insert(users)
      .values({ email, name: 'Benchmark', organisationId: council.id, role: 'member', emailVerified: new Date() })
      .returning({ id: users.id });
    const sessionToken = randomBytes(32).toString('hex');
    await database.db
      .insert(sessions) // stored hashed, as the app's adapter does
      .values({ sessionToken: hashSessionToken(sessionToken), userId: user!.id, expires: new Date(Date.now() + 24 * 3600_000) });
    return `next-auth.session-token=${sessionToken}`;
  } finally {
    await database.close();
  }
}

// ---- Uploading -----------------------------------------------------------------------------------------

export interface UploadFile {
  path: string;
  fileName: string;
  contentType: string;
}

/**
 * POSTs the share form to /materials/upload (the text fields, then the file part last), streaming the
 * file from disk with a known Content-Length, with Origin and the session cookie. Answers the status and
 * Location of the response.
 */
export async function postUpload(
  origin: string,
  file: UploadFile,
  fields: [string, string][],
  cookie: string,
): Promise<{ status: number; location: string | null; body: string }> {
  const boundary = `----dc-bench-${Math.random().toString(16).slice(2)}`;
  const preamble = Buffer.from(
    fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`);
  const fileBytes = fs.statSync(file.path).size;
  const url = new URL('/materials/upload', origin);

  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(preamble.length + fileBytes + epilogue.length),
          origin,
          cookie,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            body: Buffer.concat(chunks).toString('utf8').slice(0, 500),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    async function* body() {
      yield preamble;
      yield* fs.createReadStream(file.path, { highWaterMark: 256 * 1024 });
      yield epilogue;
    }
    pipeline(Readable.from(body()), request).catch(reject);
  });
}

/** The material id of a `303 /materials/<id>[/check][?…]` (a new upload goes to its check page first). */
export function materialIdFrom(location: string | null): string | undefined {
  if (!location) return undefined;
  return /^\/materials\/([0-9a-f-]{36})(?:\/check)?$/i.exec(new URL(location, 'http://127.0.0.1').pathname)?.[1];
}

/**
 * Publishes a just-shared draft as its uploader would from the check page ("Publish", with a reason in
 * case the check found something), so that search can find it. Waits while the check is still running.
 */
export async function publishDraft(origin: string, cookie: string, id: string, giveUpAfterMs = 60_000): Promise<void> {
  const until = Date.now() + giveUpAfterMs;
  for (;;) {
    const response = await fetch(`${origin}/materials/${id}/check/publish`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie },
      body: new URLSearchParams({ reason: 'Benchmark upload', acknowledged: 'yes' }).toString(),
    });
    await response.arrayBuffer();
    const location = response.headers.get('location') ?? '';
    if (response.status === 303 && location.includes('published=1')) return;
    // Back to the check page: the check has not finished yet.
    if (Date.now() > until) throw new Error(`could not publish ${id}: ${response.status} ${location}`);
    await sleep(250);
  }
}
