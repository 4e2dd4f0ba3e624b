import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { canFollow } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { followerSettings, follows } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { resolveTarget } from './follow-targets';
import { followKinds, searchNameLimit } from './follow-words';

/**
 * Follow a council, a service area or a search (with a name). Signed in only; only what the viewer may
 * see (resolveTarget). Following again changes nothing but a search's name. The first follow makes
 * the person's digest settings (weekly), starting from now, so the first digest holds only what is
 * new since they followed.
 *
 * Not in the council audit log: following is a person's own reading list, not a change to a council.
 */
const input = z.object({
  kind: z.enum(followKinds, { error: 'Choose what to follow' }),
  target: z.string().max(2000, 'That search is too long to follow'),
  name: z.string().max(searchNameLimit, `The name must be ${searchNameLimit} characters or fewer`).optional(),
});

export async function follow(services: Services, viewer: Viewer, raw: unknown): Promise<{ id: string }> {
  if (!canFollow(viewer)) throw new AppError('unauthenticated', 'Sign in to follow things on the hub');
  const fields = (raw ?? {}) as Record<string, unknown>;
  const parsed = input.safeParse({
    kind: single(fields.kind),
    target: String(single(fields.target) ?? ''),
    name: fields.name === undefined ? undefined : String(single(fields.name) ?? '').replace(/\s+/g, ' ').trim(),
  });
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'kind'), message: issue.message })));
  }
  const { kind, name } = parsed.data;
  if (kind === 'search' && !name) throw new ValidationError([{ field: 'name', message: 'Give this search a name, so you know it in your emails' }]);

  return services.db.transaction(async (tx) => {
    const target = await resolveTarget(tx, viewer, kind, parsed.data.target);
    await tx.insert(followerSettings).values({ userId: viewer.userId }).onConflictDoNothing();
    const [row] = await tx
      .insert(follows)
      .values({ userId: viewer.userId, kind, target, name: kind === 'search' ? name! : null })
      .onConflictDoUpdate({
        target: [follows.userId, follows.kind, follows.target],
        set: { name: sql`excluded.name` },
      })
      .returning({ id: follows.id });
    return { id: row!.id };
  });
}
