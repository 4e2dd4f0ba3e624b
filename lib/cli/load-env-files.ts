import { loadEnvConfig } from '@next/env';

/**
 * Reads .env, .env.local and their per-environment variants the way the Next.js server does, so a
 * command run beside the server (npm run admin:create, import, worker) sees the same settings, such as
 * NEXTAUTH_URL or DATABASE_URL, whether they come from the shell or from those files. Variables
 * already set in the environment win, as they do for the server.
 */
export function loadEnvFiles(): void {
  loadEnvConfig(process.cwd(), process.env.NODE_ENV === 'development', { info: () => {}, error: console.error });
}
