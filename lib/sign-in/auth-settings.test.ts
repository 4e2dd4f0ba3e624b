import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';
import { createAuthOptions } from './auth-options';
import { readOrCreateSecretFile } from './auth-secret';

const secret = 'x'.repeat(32);
const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('sign-in settings', () => {
  it('needs nothing outside production: links go to the log, the secret is made later', () => {
    const { auth } = parseConfig({ NODE_ENV: 'development' });
    expect(auth).toMatchObject({ url: 'http://localhost:3000', secret: undefined, email: { transport: 'log' }, entra: null });
    expect(auth.signInLimits).toEqual({ perAddress: 5, perNetworkAddress: 20, windowMinutes: 15 });
  });

  it('in production, refuses to start without a secret, an address, or a way to sign in', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.join('\n')).toMatch(/AUTH_SECRET is required in production/);
    expect(problems.join('\n')).toMatch(/NEXTAUTH_URL is required in production/);
    expect(problems.join('\n')).toMatch(/SMTP_HOST or ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID are required in production/);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/Discovery Commons cannot start/);
  });

  it('in production with SMTP, sends email; with Entra only, has no email sign-in', () => {
    const smtp = parseConfig({
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: 'https://hub.example.org/',
      SMTP_HOST: 'smtp.example.org',
      SMTP_USER: 'hub',
      SMTP_PASSWORD: 'pw',
      SMTP_FROM: 'Discovery Commons <no-reply@hub.example.org>',
    });
    expect(smtp.auth).toMatchObject({
      url: 'https://hub.example.org',
      secret,
      email: { transport: 'smtp', smtp: { host: 'smtp.example.org', port: 587, secure: false, auth: { user: 'hub', pass: 'pw' } } },
    });
    const entra = parseConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: secret,
      NEXTAUTH_URL: 'https://hub.example.org',
      ENTRA_CLIENT_ID: 'client',
      ENTRA_CLIENT_SECRET: 'shh',
      ENTRA_TENANT_ID: 'organizations',
    });
    expect(entra.auth).toMatchObject({ email: null, entra: { clientId: 'client', clientSecret: 'shh', tenantId: 'organizations' } });
  });

  it('names each bad setting', () => {
    const problems = problemsOf({
      NODE_ENV: 'development',
      AUTH_SECRET: 'short',
      NEXTAUTH_URL: 'https://hub.example.org/some/path',
      SMTP_HOST: 'smtp.example.org',
      SMTP_USER: 'only-user',
      ENTRA_CLIENT_ID: 'client',
      SMTP_PORT: '99999',
    }).join('\n');
    expect(problems).toMatch(/AUTH_SECRET must be at least 32 characters/);
    expect(problems).toMatch(/NEXTAUTH_URL .*no path/);
    expect(problems).toMatch(/SMTP_FROM is required when SMTP_HOST is set/);
    expect(problems).toMatch(/SMTP_PASSWORD set both SMTP_USER and SMTP_PASSWORD/);
    expect(problems).toMatch(/ENTRA_CLIENT_SECRET set ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and ENTRA_TENANT_ID together/);
    expect(problems).toMatch(/SMTP_PORT/);
    expect(problemsOf({ SMTP_PORT: '25' }).join('\n')).toMatch(/SMTP_HOST is required when other SMTP_ settings are set/);
    expect(problemsOf({ AUTH_SECRET: secret, NEXTAUTH_SECRET: `${secret}y` }).join('\n')).toMatch(/both set and differ/);
  });

  it('port 465 means TLS from the start', () => {
    const { auth } = parseConfig({ SMTP_HOST: 'smtp.example.org', SMTP_PORT: '465', SMTP_FROM: 'a@b.org' });
    expect(auth.email).toMatchObject({ smtp: { port: 465, secure: true, auth: undefined } });
  });
});

describe('next-auth options', () => {
  const base = { url: 'https://hub.example.org', secret, signInLimits: { perAddress: 5, perNetworkAddress: 20, windowMinutes: 15 }, trustedProxyHops: 1 };
  const getDb = () => {
    throw new Error('unused');
  };

  it('uses database sessions, the hub pages and 15-minute links', () => {
    const options = createAuthOptions({ settings: { auth: { ...base, email: { transport: 'log' }, entra: null }, environment: 'test', dataDir: os.tmpdir() }, secret, getDb });
    expect(options.session).toMatchObject({ strategy: 'database' });
    expect(options.pages).toEqual({ signIn: '/sign-in', verifyRequest: '/sign-in/check-your-email', error: '/sign-in/problem', signOut: '/account' });
    expect(options.providers.map((p) => p.id)).toEqual(['email']);
    expect((options.providers[0] as unknown as { options: { maxAge: number } }).options.maxAge).toBe(15 * 60);
  });

  it('adds Microsoft Entra ID when configured, never linking accounts by email address', () => {
    const options = createAuthOptions({
      settings: { auth: { ...base, email: null, entra: { clientId: 'c', clientSecret: 's', tenantId: 'organizations' } }, environment: 'production', dataDir: os.tmpdir() },
      secret,
      getDb,
    });
    expect(options.providers.map((p) => p.id)).toEqual(['azure-ad']);
    const provider = options.providers[0] as unknown as { options: { allowDangerousEmailAccountLinking: boolean; tenantId: string } };
    expect(provider.options).toMatchObject({ allowDangerousEmailAccountLinking: false, tenantId: 'organizations' });
  });
});

describe('the development secret', () => {
  it('is made once, kept readable by its owner only, and reused', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-secret-'));
    try {
      const file = path.join(folder, 'nested', 'auth-secret');
      const first = readOrCreateSecretFile(file);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readOrCreateSecretFile(file)).toBe(first);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
