import 'server-only';
import { config, ConfigError } from '@/lib/config';
import { installRecordServerRequest } from '@/lib/http/record-server-request';
import { runtime } from './index';

/**
 * The web server's start (instrumentation.ts): check the settings, then open the hub's services.
 *
 * A bad or missing setting stops the process with a message naming it. Throwing is not enough: Next.js
 * logs an error thrown while starting and then serves every page with a bare 500. Anything else (the
 * database still starting, say) is thrown as before: the next request tries again.
 */
export async function startWeb(): Promise<void> {
  try {
    config();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Plain words for the person starting the server, not a log line: the settings (LOG_LEVEL among
    // them) could not be read, and the message names settings, never their values.
    console.error(error.message);
    process.exit(1);
  }
  // Before the hub opens: the web server's request lines are written from here on.
  installRecordServerRequest();
  await runtime();
}
