import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { anonymous, type Role, type Viewer } from '@/lib/auth/viewer';
import { organisations, users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { TestHub } from '@/lib/testing/test-hub';

/**
 * Test helpers for the organisation verbs: people made with plain inserts, and viewers built from
 * their rows the way the live viewer is (so a change to a row shows in the next viewer built).
 */

export interface Council {
  id: string;
  slug: string;
  name: string;
}

export interface Person {
  id: string;
  email: string;
  name: string;
  viewer: Viewer;
}

export async function council(hub: TestHub, slug: string): Promise<Council> {
  const [row] = await hub.services.db.select().from(organisations).where(eq(organisations.slug, slug));
  if (!row) throw new Error(`no council ${slug}`);
  return { id: row.id, slug: row.slug, name: row.name };
}

let counter = 0;

/** A new person in the database; their email is on their council's domain, to catch leaks. */
export async function person(
  hub: TestHub,
  options: { organisation?: Council | null; role?: Role; isSiteAdmin?: boolean; name?: string } = {},
): Promise<Person> {
  counter += 1;
  const name = options.name ?? `Person ${counter}`;
  const email = `person-${counter}-${randomUUID().slice(0, 8)}@${options.organisation?.slug ?? 'example'}.test.gov.uk`;
  const [row] = await hub.services.db
    .insert(users)
    .values({
      email,
      name,
      organisationId: options.organisation?.id ?? null,
      role: options.role ?? 'member',
      isSiteAdmin: options.isSiteAdmin ?? false,
    })
    .returning({ id: users.id });
  return { id: row!.id, email, name, viewer: await liveViewer(hub, row!.id) };
}

/** The viewer as the live viewer would build it from the database now. */
export async function liveViewer(hub: TestHub, userId: string): Promise<Viewer> {
  const [row] = await hub.services.db
    .select({ user: users, organisation: organisations })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  if (!row) return anonymous;
  return {
    kind: 'user',
    userId: row.user.id,
    name: row.user.name ?? '',
    organisation: row.organisation ? { id: row.organisation.id, slug: row.organisation.slug, name: row.organisation.name } : null,
    role: row.user.role === 'org_admin' ? 'org_admin' : 'member',
    isSiteAdmin: row.user.isSiteAdmin,
  };
}

export type Outcome = 'allowed' | 'forbidden' | 'not_found' | 'validation' | 'unauthenticated';

/** What happened when the viewer tried: allowed, or the code of the AppError it was refused with. */
export async function outcomeOf(attempt: () => Promise<unknown>): Promise<Outcome> {
  try {
    await attempt();
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError && ['forbidden', 'not_found', 'validation', 'unauthenticated'].includes(error.code)) return error.code as Outcome;
    throw error;
  }
}

/** The error an attempt was refused with (fails the test if it was not refused). */
export async function refusal(attempt: () => Promise<unknown>): Promise<AppError> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the attempt to be refused');
}
