import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PreviewError, timeLeft, type OfficeConverter, type PreviewContext } from './result';

/**
 * LibreOffice (Debian's headless `soffice`), used only to draw presentations (PPTX, ODP) as a PDF
 * whose pages become the slide pictures. It is given a cleaned copy of the file (clean-copy.ts) and
 * runs:
 *
 * - inside bubblewrap (`bwrap`) with every namespace unshared, the network above all
 *   (`--unshare-net`: a namespace with no interface but its own loopback, so nothing on this machine
 *   or beyond is reachable), a read-only view of /usr and the few files in /etc it needs, an empty
 *   /tmp, and one job folder (the copy in, the PDF out, a throwaway profile);
 * - with an allow-listed environment (`--clearenv`, then HOME, PATH, LANG, SAL_USE_VCLPLUGIN, TMPDIR;
 *   bwrap adds PWD):
 *   nothing of this process's settings, so `vnd.sun.star.expand:` tricks (CVE-2024-12426) find nothing;
 * - with a fresh profile each time (`-env:UserInstallation=file:///job/profile`), removed afterwards;
 * - under `prlimit` (address space, CPU seconds, file size) and a hard timeout, at which the whole
 *   process tree is killed: bwrap is killed by process group, and with it the sandbox's PID namespace,
 *   whose every process the kernel then ends.
 *
 * There is no LibreOffice path without bubblewrap: `findLibreOffice` needs both.
 */

export interface LibreOfficeInstall {
  soffice: string;
  bwrap: string;
  prlimit: string;
}

/** Where Debian puts them; a deployment elsewhere passes its own paths. */
const DEFAULT_INSTALL: LibreOfficeInstall = { soffice: '/usr/bin/soffice', bwrap: '/usr/bin/bwrap', prlimit: '/usr/bin/prlimit' };

/** The LibreOffice install to use, or undefined when this server lacks soffice, bwrap or prlimit. */
export function findLibreOffice(install: LibreOfficeInstall = DEFAULT_INSTALL): LibreOfficeInstall | undefined {
  const executable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  return executable(install.soffice) && executable(install.bwrap) && executable(install.prlimit) ? install : undefined;
}

/** The job folder's path inside the sandbox. */
const JOB = '/job';

/**
 * The bubblewrap arguments that run `command` in the sandbox described above, with `jobDir` as /job.
 * Exported so the tests can prove, with a command of their own, that the sandbox reaches no network.
 */
export function sandboxArguments(jobDir: string, command: string[]): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--clearenv', '--ro-bind', '/usr', '/usr'];
  // Debian's merged /usr: /bin, /lib… are links into /usr; elsewhere they are folders, bound read-only.
  for (const top of ['/bin', '/sbin', '/lib', '/lib64', '/lib32']) {
    let link: string | undefined;
    try {
      link = fs.readlinkSync(top);
    } catch {
      link = undefined;
    }
    if (link) args.push('--symlink', link, top);
    else if (fs.existsSync(top)) args.push('--ro-bind', top, top);
  }
  for (const file of ['/etc/fonts', '/etc/ld.so.cache', '/etc/libreoffice', '/var/cache/fontconfig']) {
    if (fs.existsSync(file)) args.push('--ro-bind', file, file);
  }
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--bind', jobDir, JOB);
  const environment: Record<string, string> = { HOME: `${JOB}/home`, PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', SAL_USE_VCLPLUGIN: 'svp', TMPDIR: '/tmp' };
  for (const [name, value] of Object.entries(environment)) args.push('--setenv', name, value);
  args.push('--chdir', JOB, '--', ...command);
  return args;
}

export interface SandboxRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first few KB of what it wrote, for logs. */
  output: string;
  timedOut: boolean;
}

/**
 * Runs the sandbox with a hard timeout (and the preview's abort signal): past it, the whole process
 * group is killed with SIGKILL. Resolves once bwrap has exited.
 */
export function runSandboxed(bwrap: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<SandboxRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bwrap, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin' } as unknown as NodeJS.ProcessEnv });
    let output = '';
    let timedOut = false;
    const collect = (chunk: Buffer) => {
      if (output.length < 8192) output += chunk.toString('utf8').slice(0, 8192 - output.length);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const kill = () => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(kill, timeoutMs);
    signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      reject(error);
    });
    child.on('close', (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      resolve({ code, signal: exitSignal, output, timedOut });
    });
  });
}

/** Converts presentations to PDF with the given install (see `findLibreOffice`). */
export function libreOfficeConverter(install: LibreOfficeInstall): OfficeConverter {
  return async (input, extension, context) => convertToPdf(install, input, extension, context);
}

async function convertToPdf(install: LibreOfficeInstall, input: Buffer, extension: 'pptx' | 'odp', context: PreviewContext): Promise<Buffer> {
  const jobDir = await mkdtemp(path.join(os.tmpdir(), 'dc-preview-'));
  try {
    await Promise.all(['in', 'out', 'profile', 'home'].map((folder) => mkdir(path.join(jobDir, folder))));
    await writeFile(path.join(jobDir, 'in', `input.${extension}`), input);
    const cpuSeconds = Math.max(1, Math.ceil(timeLeft(context) / 1000));
    const command = [
      install.prlimit,
      `--as=${context.limits.officeMemoryMb * 1024 * 1024}`,
      `--cpu=${cpuSeconds}`,
      `--fsize=${context.limits.maxInputBytes}`,
      '--',
      install.soffice,
      `-env:UserInstallation=file://${JOB}/profile`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--convert-to',
      'pdf',
      '--outdir',
      `${JOB}/out`,
      `${JOB}/in/input.${extension}`,
    ];
    const run = await runSandboxed(install.bwrap, sandboxArguments(jobDir, command), timeLeft(context), context.signal);
    if (run.timedOut) throw new PreviewError('timeout', 'LibreOffice reached the time limit and was killed');
    const pdf = path.join(jobDir, 'out', 'input.pdf');
    const size = await stat(pdf).then((s) => s.size, () => -1);
    if (run.code !== 0 || size <= 0) {
      throw new PreviewError('malformed', `LibreOffice could not convert the file (exit ${run.code}, signal ${run.signal}): ${run.output.slice(0, 500)}`);
    }
    if (size > context.limits.maxInputBytes) throw new PreviewError('too_large', `LibreOffice wrote a PDF of ${size} bytes`);
    return await readFile(pdf);
  } finally {
    await rm(jobDir, { recursive: true, force: true });
  }
}
