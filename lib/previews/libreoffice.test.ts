import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipArchive } from '@/lib/extract/zip';
import { cleanOdfCopy, cleanOoxmlCopy } from './clean-copy';
import { findLibreOffice, renderPreview, type PreviewResult } from './index';
import { runSandboxed, sandboxArguments } from './libreoffice';
import { extractionLimitsOf, resolvePreviewLimits } from './limits';
import { makeContext } from './result';
import { hostileOdp, pptx, startRecordingServer, type RecordingServer } from './testing/preview-files';

/**
 * Presentations drawn through LibreOffice, in its sandbox, on a cleaned copy of the file.
 *
 * These need `soffice`, `bwrap` and `prlimit` (Debian: libreoffice-impress-nogui, bubblewrap,
 * util-linux). Where they are missing the suite does not skip quietly: it fails, unless
 * PREVIEWS_WITHOUT_LIBREOFFICE=1 says the absence is on purpose (a developer's laptop), and even then
 * the outline path that such a server uses is tested (here and in formats.test.ts). The cleaning of
 * the copy is tested everywhere, since it needs no LibreOffice.
 */

const install = findLibreOffice();
const absenceAllowed = process.env.PREVIEWS_WITHOUT_LIBREOFFICE === '1';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(async () => {
  await server.close();
});

function pages(result: PreviewResult) {
  if (result.status !== 'ready' || result.kind !== 'pages') throw new Error(`expected slide pictures, got ${JSON.stringify(result).slice(0, 500)}`);
  return result;
}

/** Processes still running whose command line names one of our job folders. */
function leftoverProcesses(): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (command.includes('dc-preview-') || (command.includes('soffice') && command.includes('/job/'))) found.push(`${pid}: ${command}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

function jobFolders(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('dc-preview-'));
}

describe('the copy handed to LibreOffice', () => {
  const context = () => makeContext(resolvePreviewLimits(), new AbortController().signal, performance.now(), undefined);
  const entriesOf = async (file: Buffer) => {
    const zip = await ZipArchive.open(file, extractionLimitsOf(resolvePreviewLimits()), new AbortController().signal);
    const entries = new Map<string, string>();
    for (const name of zip.names()) entries.set(name, (await zip.read(name)).toString('latin1'));
    zip.close();
    return entries;
  };

  it('keeps no external relationship, macro, embedded font or OLE link of a PPTX', async () => {
    const original = pptx([{ title: 'Hostile', lines: ['Link here'] }], { serverUrl: server.url });
    const zip = await ZipArchive.open(original, extractionLimitsOf(resolvePreviewLimits()), new AbortController().signal);
    const copy = await cleanOoxmlCopy(zip, context());
    zip.close();
    const entries = await entriesOf(copy);
    expect([...entries.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        '_rels/.rels',
        'ppt/presentation.xml',
        'ppt/_rels/presentation.xml.rels',
        'ppt/slideMasters/slideMaster1.xml',
        'ppt/slideMasters/_rels/slideMaster1.xml.rels',
        'ppt/slideLayouts/slideLayout1.xml',
        'ppt/slideLayouts/_rels/slideLayout1.xml.rels',
        'ppt/theme/theme1.xml',
        'ppt/slides/slide1.xml',
        'ppt/slides/_rels/slide1.xml.rels',
      ].sort(),
    );
    const all = [...entries.values()].join('\n');
    expect(all).not.toMatch(/127\.0\.0\.1|External|vbaProject|fntdata|oleObject|macroEnabled/);
    expect(entries.get('[Content_Types].xml')).toContain('<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml">');
    expect(entries.get('ppt/slides/_rels/slide1.xml.rels')).toContain('slideLayout1.xml');
  });

  it('keeps no outside reference, macro, event, object or embedded font of an ODP', async () => {
    const zip = await ZipArchive.open(hostileOdp(server.url), extractionLimitsOf(resolvePreviewLimits()), new AbortController().signal);
    const copy = await cleanOdfCopy(zip, context());
    zip.close();
    const entries = await entriesOf(copy);
    expect([...entries.keys()]).toEqual(['mimetype', 'content.xml', 'META-INF/manifest.xml']);
    const all = [...entries.values()].join('\n');
    expect(all).not.toMatch(/127\.0\.0\.1|vnd\.sun\.star|event-listener|draw:object|Basic|Fonts|pwned/);
    expect(entries.get('content.xml')).toContain('<text:p>Visit <text:a>our site</text:a> or <text:a>home</text:a></text:p>');
    expect(entries.get('META-INF/manifest.xml')).toContain('manifest:full-path="content.xml"');
  });
});

describe('without LibreOffice', () => {
  it('gives the outline when the install named is not there', async () => {
    const missing = { soffice: '/nonexistent/soffice', bwrap: '/usr/bin/bwrap', prlimit: '/usr/bin/prlimit' };
    expect(findLibreOffice(missing)).toBeUndefined();
    const file = pptx([{ title: 'Only words', lines: ['here'] }]);
    const result = await renderPreview({ format: 'pptx', body: file, sizeBytes: file.length }, {}, { libreOffice: missing });
    expect(result).toMatchObject({ status: 'ready', kind: 'outline', slides: [{ title: 'Only words', paragraphs: ['here'] }] });
  });
});

if (!install) {
  describe('with LibreOffice', () => {
    it('has soffice, bwrap and prlimit installed, or their absence is allowed on purpose', () => {
      expect(
        absenceAllowed,
        'LibreOffice previews are not tested: install Debian packages libreoffice-impress-nogui and bubblewrap, or set PREVIEWS_WITHOUT_LIBREOFFICE=1 to accept that',
      ).toBe(true);
    });
  });
} else {
  describe('with LibreOffice', () => {
    // Each conversion starts LibreOffice afresh: about 5–20 s on a busy 2-core machine.
    const slow = { timeout: 180_000 };

    it('draws each slide of a PPTX, with the outline as its text', slow, async () => {
      const file = pptx([
        { title: 'Show and tell', lines: ['Sprint 4'] },
        { title: 'Next steps', lines: ['Test the form', 'Book the room'] },
      ]);
      const result = pages(await renderPreview({ format: 'pptx', body: file, sizeBytes: file.length }, { timeLimitMs: 150_000 }, { libreOffice: install }));
      expect(result.source).toBe('slides');
      expect(result.pageCount).toBe(2);
      expect(result.pages.map((p) => [p.number, p.text])).toEqual([
        [1, 'Show and tell\nSprint 4'],
        [2, 'Next steps\nTest the form\nBook the room'],
      ]);
      expect(result.pages[0]!.image).toMatchObject({ contentType: 'image/webp', width: 1000, height: 750 });
      expect(result.thumbnail).toMatchObject({ width: 320, height: 240 });
      expect(jobFolders()).toEqual([]);
    });

    it('draws a PPTX and an ODP with external links, macros and embedded fonts, fetching nothing', slow, async () => {
      const before = server.connections;
      const files: [string, Buffer][] = [
        ['pptx', pptx([{ title: 'Hostile', lines: ['Link here'] }], { serverUrl: server.url })],
        ['odp', hostileOdp(server.url)],
      ];
      for (const [format, body] of files) {
        const result = pages(await renderPreview({ format, body, sizeBytes: body.length }, { timeLimitMs: 150_000 }, { libreOffice: install }));
        expect(result.pageCount).toBe(1);
        expect(result.pages[0]!.text).toMatch(/^Hostile/);
      }
      expect(server.connections).toBe(before);
      expect(server.requests).toEqual([]);
      expect(fs.existsSync('/tmp/pwned.ttf')).toBe(false);
    });

    it('runs in a sandbox that reaches no network, not even this machine', slow, async () => {
      const jobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-preview-probe-'));
      try {
        const port = new URL(server.url).port;
        const probe = ['/usr/bin/bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${port} && echo connected`];
        // The same probe outside the sandbox does reach the server: the probe itself works.
        const before = server.connections;
        const outside = await runSandboxed('/usr/bin/env', ['--', ...probe], 10_000);
        expect(outside.output).toContain('connected');
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(server.connections).toBe(before + 1);

        const inside = await runSandboxed(install.bwrap, sandboxArguments(jobDir, probe), 10_000);
        expect(inside.code).not.toBe(0);
        expect(inside.output).not.toContain('connected');
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(server.connections).toBe(before + 1);
      } finally {
        fs.rmSync(jobDir, { recursive: true, force: true });
      }
    });

    it('runs with only the allow-listed environment and none of this machine’s files', slow, async () => {
      const jobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-preview-probe-'));
      process.env.PREVIEW_TEST_SECRET = 'do-not-leak';
      try {
        const environment = await runSandboxed(install.bwrap, sandboxArguments(jobDir, ['/usr/bin/env']), 10_000);
        const names = environment.output.trim().split('\n').map((line) => line.split('=')[0]).sort();
        // PWD is bwrap's own, from --chdir /job.
        expect(names).toEqual(['HOME', 'LANG', 'PATH', 'PWD', 'SAL_USE_VCLPLUGIN', 'TMPDIR']);
        const files = await runSandboxed(install.bwrap, sandboxArguments(jobDir, ['/usr/bin/bash', '-c', 'ls /root /home /work /etc/passwd /etc/hostname 2>&1; ls /']), 10_000);
        expect(files.output).toMatch(/cannot access '\/root'/);
        expect(files.output).toMatch(/cannot access '\/etc\/passwd'/);
        expect(files.output).not.toContain('do-not-leak');
      } finally {
        delete process.env.PREVIEW_TEST_SECRET;
        fs.rmSync(jobDir, { recursive: true, force: true });
      }
    });

    it('kills the whole process tree at its time limit, then gives the outline', slow, async () => {
      const file = pptx([{ title: 'Slow', lines: ['one'] }]);
      const result = await renderPreview({ format: 'pptx', body: file, sizeBytes: file.length }, { timeLimitMs: 1_500 }, { libreOffice: install });
      expect(result).toEqual({
        status: 'ready',
        kind: 'outline',
        slideCount: 1,
        slides: [{ number: 1, title: 'Slow', paragraphs: ['one'] }],
        thumbnail: null,
        notice: 'We could not draw the slides, so this preview shows their text.',
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(leftoverProcesses()).toEqual([]);
      expect(jobFolders()).toEqual([]);
    });
  });
}
