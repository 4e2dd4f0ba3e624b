import { describe, expect, it } from 'vitest';
import type { LogLevel } from '@/lib/config';
import { memoryLogger } from './testing/capture-logs';

const capture = (level: LogLevel = 'info') => memoryLogger(level);

describe('the log line', () => {
  it('is one JSON object with the level by name, an ISO time, the message and the fields given', () => {
    const { log, lines } = capture();
    log.child({ component: 'jobs' }).info({ job: 'extract-text', outcome: 'done', durationMs: 12 }, 'job finished');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', component: 'jobs', job: 'extract-text', outcome: 'done', durationMs: 12, msg: 'job finished' });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
    expect(lines[0]!.pid).toBe(process.pid);
  });

  it('writes nothing below LOG_LEVEL', () => {
    const { log, lines } = capture('warn');
    log.info('routine');
    log.debug('detail');
    log.warn('worth a look');
    expect(lines.map((line) => line.msg)).toEqual(['worth a look']);
    const silent = capture('silent');
    silent.log.fatal('nothing at all');
    expect(silent.lines).toEqual([]);
  });

  it('writes an error under `err` with its type, message and stack', () => {
    const { log, lines } = capture();
    const error = Object.assign(new TypeError('the file could not be read'), { code: 'ENOENT' });
    log.error({ err: error }, 'could not read');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'could not read', err: { type: 'TypeError', message: 'the file could not be read', code: 'ENOENT' } });
    expect((lines[0]!.err as { stack: string }).stack).toContain('logger.test.ts');
  });
});

describe('redaction: no email address, token or password reaches the log', () => {
  const address = 'sam.jones@bristol.gov.uk';

  it('scrubs addresses from the message, printf arguments, fields at any depth and errors', () => {
    const { log, lines } = capture();
    log.info({ to: [address], detail: { note: `sent to ${address}` } }, `Email sign-in link for ${address}`);
    log.info('mail for %s failed', address);
    log.error({ err: new Error(`no mailbox ${address}`, { cause: new Error(`rejected ${address}`) }) }, 'mail failed');
    log.error(new Error(`no such user ${address}`));
    const written = JSON.stringify(lines);
    expect(written).not.toContain('sam.jones');
    expect(written).not.toContain('bristol.gov.uk');
    expect(lines[0]).toMatchObject({ to: ['[email]'], detail: { note: 'sent to [email]' }, msg: 'Email sign-in link for [email]' });
    expect(lines[1]!.msg).toBe('mail for [email] failed');
    expect(lines[2]).toMatchObject({ err: { message: 'no mailbox [email]', cause: { message: 'rejected [email]' } } });
    expect(lines[3]).toMatchObject({ msg: 'no such user [email]', err: { message: 'no such user [email]' } });
  });

  it('scrubs addresses as they appear in links', () => {
    const { log, lines } = capture();
    log.info('link: https://hub.example.org/sign-in/link?email=sam%40bristol.gov.uk&callbackUrl=%2F');
    expect(lines[0]!.msg).toBe('link: https://hub.example.org/sign-in/link?email=[email]&callbackUrl=%2F');
  });

  it('replaces fields named for secrets whole, at any depth', () => {
    const { log, lines } = capture();
    log.info({
      token: 'abc123',
      user: { email: 'x', sessionToken: 'def456', password: 'hunter2' },
      request: { headers: { authorization: 'Bearer ghi789', cookie: 'next-auth.session-token=jkl' } },
      s3: { credentials: { accessKeyId: 'AKIA', secretAccessKey: 'mno' } },
      attempts: [{ apiKey: 'pqr' }],
    });
    const written = JSON.stringify(lines[0]);
    for (const secret of ['abc123', 'def456', 'hunter2', 'ghi789', 'jkl', 'mno', 'pqr']) expect(written).not.toContain(secret);
    expect(lines[0]).toMatchObject({ token: '[redacted]', user: { email: '[redacted]', password: '[redacted]' }, s3: { credentials: '[redacted]' } });
  });

  it('scrubs secrets from text: bearer tokens, passwords in connection strings, secrets in query strings', () => {
    const { log, lines } = capture();
    log.error(
      'failed: Authorization: Bearer s3cr3t-token; postgres://hub:hunter2@db.internal:5432/commons; ' +
        'https://s3.example.org/files/a?X-Amz-Signature=abcdef&X-Amz-Credential=AKIA%2F&x=1; /sign-in/link?token=tok123&callbackUrl=%2F; code=oauth-code',
    );
    const message = lines[0]!.msg as string;
    for (const secret of ['s3cr3t-token', 'hunter2', 'abcdef', 'AKIA', 'tok123', 'oauth-code']) expect(message).not.toContain(secret);
    expect(message).toContain('postgres://hub:[redacted]@db.internal:5432/commons');
    expect(message).toContain('Bearer [redacted]');
    expect(message).toContain('token=[redacted]&callbackUrl=%2F');
    expect(message).toContain('&x=1');
  });

  it('survives cycles and leaves ordinary values alone', () => {
    const { log, lines } = capture();
    const loop: Record<string, unknown> = { name: 'loop', count: 3, ok: true, when: new Date('2026-01-02T03:04:05Z') };
    loop.self = loop;
    log.info({ loop }, 'version 0f1e… checked: 2 findings');
    expect(lines[0]).toMatchObject({
      msg: 'version 0f1e… checked: 2 findings',
      loop: { name: 'loop', count: 3, ok: true, when: '2026-01-02T03:04:05.000Z', self: '[circular]' },
    });
  });
});
