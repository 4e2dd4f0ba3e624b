import 'server-only';
import { runCommand } from './run-command';
import { runtime } from '@/lib/runtime';

/**
 * `npm run seed`: migrates the configured database and adds the starter kit of Discovery templates,
 * with each template's Word and OpenDocument versions (the server does the same at start; seeding
 * twice adds nothing). With the embedded database, stop the server first: only one process may open it.
 */
async function main(): Promise<number> {
  try {
    const hub = await runtime('cli');
    await hub.close();
    console.log('The database is up to date and the starter kit is in place.');
    return 0;
  } catch (error) {
    console.error(`Seeding failed: ${(error as Error).message}`);
    return 1;
  }
}

runCommand(main, 'Seeding failed unexpectedly');
