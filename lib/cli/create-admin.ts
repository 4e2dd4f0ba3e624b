import 'server-only';
import { ConfigError, config } from '@/lib/config';
import { makeSiteAdmin } from '@/lib/people/make-site-admin';
import { runtime } from '@/lib/runtime';
import { emailAddressProblemMessage, parseEmailAddress } from '@/lib/text/email-address';
import { runCommand } from './run-command';

/**
 * `npm run admin:create -- <email> [--name "Sam Jones"]`: makes that person a site admin, creating
 * their user if they have never signed in. They then sign in with an email link to that address (or
 * with Microsoft). Exits 0 when done, 1 when it could not run, 2 for a usage mistake.
 */

const usage = `Usage: npm run admin:create -- <email address> [--name "Sam Jones"]

Makes the person with that email address a site admin of this hub (the database configured by
DATABASE_URL, or the embedded one in DATA_DIR). Creates them if they have never signed in; they then
sign in at /sign-in with that address. Running it again changes nothing.
With the embedded database, stop the server first: only one process may open it.`;

function parseArgs(args: string[]): { email: string; name?: string } | undefined {
  let email: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--name') {
      name = args[++i];
      if (name === undefined) return undefined;
    } else if (arg.startsWith('--name=')) {
      name = arg.slice('--name='.length);
    } else if (arg.startsWith('-') || email !== undefined) {
      return undefined;
    } else {
      email = arg;
    }
  }
  return email ? { email, name } : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const input = parseArgs(args);
  if (!input) {
    console.error(`${args.length ? `Unexpected arguments: ${args.join(' ')}` : 'Give the email address of the new site admin.'}\n`);
    console.error(usage);
    return 2;
  }
  const parsed = parseEmailAddress(input.email);
  if (!parsed.ok) {
    console.error(`${emailAddressProblemMessage(parsed.problem)}.`);
    return 2;
  }
  let close: (() => Promise<void>) | undefined;
  try {
    const hub = await runtime('cli');
    close = () => hub.close();
    const result = await makeSiteAdmin(hub.services.db, input, 'Command line (npm run admin:create)');
    const signIn = `${config().auth.url}/sign-in`;
    switch (result.outcome) {
      case 'invalid':
        console.error(`${result.message}.`);
        return 2;
      case 'created':
        console.log(`Created ${result.email} as a site admin. They can sign in at ${signIn} with that address.`);
        return 0;
      case 'promoted':
        console.log(`${result.email} already had an account and is now a site admin.`);
        return 0;
      case 'already':
        console.log(
          result.renamed
            ? `${result.email} is already a site admin; their name is now "${input.name?.trim()}".`
            : `${result.email} is already a site admin. Nothing changed.`,
        );
        return 0;
    }
    return 1;
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Could not make a site admin: ${(error as Error).message}`);
    return 1;
  } finally {
    if (close) await close().catch(() => undefined);
  }
}

runCommand(main, 'Could not make a site admin');
