import { Client } from 'pg';
import { e2eDatabaseName } from './settings';

/**
 * Giving people a role the browser tests need but cannot reach by signing in alone.
 *
 * Signing in with an address on a council's email domain makes someone a *member* of it; nobody becomes
 * an organisation admin or a site admin that way. In a real hub the first site admin comes from
 * `npm run admin:create` (lib/cli/create-admin.ts) and organisation admins are promoted by a site admin
 * on /organisations/<slug>/manage. The tests set the flag on the users table directly instead, through
 * `pg` on the browser tests' own database, because:
 * - `admin:create` opens the whole hub runtime (migrations, vocabularies, starter kit, file storage and
 *   the sweep of unfinished uploads) in a second process beside the running test server, with settings
 *   of its own to keep in step with playwright.config.ts;
 * - promoting through the UI would need a site admin first, made the same way.
 * The pages that read roles (lib/sign-in/current-viewer.ts) read them from the database on every request,
 * so the change applies from the person's next page view, exactly as a promotion in the UI would.
 * Only people the test itself signed in (unique addresses) are changed.
 */

/** The browser tests' database: TEST_DATABASE_URL's server, database dc_e2e (as in playwright.config.ts). */
const e2eDatabaseUrl = Object.assign(new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'), {
  pathname: `/${e2eDatabaseName}`,
}).toString();

async function updateOneUser(text: string, values: unknown[]): Promise<void> {
  const client = new Client({ connectionString: e2eDatabaseUrl });
  await client.connect();
  try {
    const result = await client.query(text, values);
    if (result.rowCount !== 1) throw new Error(`Expected to change one user, changed ${result.rowCount}: ${values[0]}`);
  } finally {
    await client.end();
  }
}

/**
 * Makes a member of `organisationSlug` (someone who has already signed in with an address on its
 * domain) one of its organisation admins.
 */
export async function makeOrganisationAdmin(email: string, organisationSlug: string): Promise<void> {
  await updateOneUser(
    `UPDATE users SET role = 'org_admin'
      WHERE email = $1 AND organisation_id = (SELECT id FROM organisations WHERE slug = $2)`,
    [email.toLowerCase(), organisationSlug],
  );
}

/** Makes someone who has already signed in a site admin, as `npm run admin:create` would. */
export async function makeSiteAdmin(email: string): Promise<void> {
  await updateOneUser(`UPDATE users SET is_site_admin = true WHERE email = $1`, [email.toLowerCase()]);
}
