import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@/lib/config';

/**
 * The secret that signs session and CSRF cookies and hashes sign-in tokens.
 *
 * Production: AUTH_SECRET (or NEXTAUTH_SECRET), required by lib/config. Elsewhere, when it is not
 * set, the hub makes one on first use and keeps it in DATA_DIR/auth-secret (readable by this user
 * only), so the quick start needs no setting and sessions survive a restart of the dev server.
 */
export function authSecret(settings: Pick<AppConfig, 'auth' | 'dataDir' | 'environment'>): string {
  if (settings.auth.secret) return settings.auth.secret;
  if (settings.environment === 'production') {
    throw new Error('AUTH_SECRET is required in production (lib/config checks this at start).');
  }
  return readOrCreateSecretFile(path.join(settings.dataDir, 'auth-secret'));
}

export function readOrCreateSecretFile(file: string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': only the first of two processes starting together writes; the other reads its secret.
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const written = fs.readFileSync(file, 'utf8').trim();
    if (written.length >= 32) return written;
    // A file too short to be a secret (say, truncated): replace it.
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    return secret;
  }
}
