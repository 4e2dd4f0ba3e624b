import { eq, sql } from 'drizzle-orm';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import type { Viewer } from '@/lib/auth/viewer';
import { apiTokens } from '@/lib/db/schema';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';
import type { TestHub } from '@/lib/testing/test-hub';

/**
 * Test support for the API's writes: Bristol's and Leeds' people, each with a read and write token,
 * and Bristol's member also with a read-only, a revoked and an expired one. `headers(who)` is what a
 * program sends as each kind of caller; 'anonymous' and 'cookie' send no Authorization at all (the
 * test's session cookie decides the rest).
 */

export const writers = ['no council', 'member of another council', 'member', 'organisation admin', 'site admin'] as const;
export type Writer = (typeof writers)[number];
export const callers = ['anonymous', 'cookie', 'read-only token', 'revoked token', 'expired token', ...writers] as const;
export type Caller = (typeof callers)[number];

export interface ApiWriters {
  bristol: Council;
  leeds: Council;
  viewers: Record<Writer, Viewer>;
  headers: (who: Caller) => Record<string, string>;
}

function expiresIn(days: number) {
  const [year, month, day] = addDays(todayInLondon(), days).split('-');
  return { expiresDay: day!, expiresMonth: month!, expiresYear: year! };
}

export async function apiWriters(hub: TestHub): Promise<ApiWriters> {
  const bristol = await council(hub, 'bristol');
  const leeds = await council(hub, 'leeds');
  const viewers: Record<Writer, Viewer> = {
    'no council': (await person(hub, { organisation: null })).viewer,
    'member of another council': (await person(hub, { organisation: leeds })).viewer,
    member: (await person(hub, { organisation: bristol, name: 'Sam Jones' })).viewer,
    'organisation admin': (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer,
    'site admin': (await person(hub, { isSiteAdmin: true })).viewer,
  };
  const secrets = {} as Record<Caller, string>;
  for (const writer of writers) secrets[writer] = (await createApiToken(hub.services, viewers[writer], { name: 'Write', scope: 'read-write', ...expiresIn(30) })).secret;
  const member = viewers.member;
  secrets['read-only token'] = (await createApiToken(hub.services, member, { name: 'Read', scope: 'read', ...expiresIn(30) })).secret;
  const revoked = await createApiToken(hub.services, member, { name: 'Revoked', scope: 'read-write', ...expiresIn(30) });
  await revokeApiToken(hub.services, member, revoked.id);
  secrets['revoked token'] = revoked.secret;
  const expired = await createApiToken(hub.services, member, { name: 'Expired', scope: 'read-write', ...expiresIn(30) });
  await hub.services.db
    .update(apiTokens)
    .set({ createdAt: sql`now() - interval '10 days'`, expiresAt: sql`now() - interval '1 minute'` })
    .where(eq(apiTokens.id, expired.id));
  secrets['expired token'] = expired.secret;
  return {
    bristol,
    leeds,
    viewers,
    headers: (who): Record<string, string> => (secrets[who] ? { authorization: `Bearer ${secrets[who]}` } : {}),
  };
}

/** A multipart body as a program sends it: the text fields, then the file (last). */
export function uploadForm(fields: Record<string, string | string[]>, file?: { name: string; content: string | Uint8Array }): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  if (file) form.append('file', new Blob([file.content as BlobPart]), file.name);
  return form;
}
