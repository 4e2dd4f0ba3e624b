import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import { followerSettings } from '@/lib/db/schema';
import { AppError, ValidationError } from '@/lib/errors';
import { single } from '@/lib/materials/material-access';
import type { Services } from '@/lib/services';
import { digestFrequencies, type DigestFrequency } from './follow-words';

/** How often one's own digest comes: daily, weekly or off. Only one's own (there is no other to name). */
const frequency = z.enum(digestFrequencies, { error: 'Choose how often to get emails' });

export async function setDigestFrequency(services: Services, viewer: Viewer, raw: unknown): Promise<{ frequency: DigestFrequency }> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to choose your emails');
  const parsed = frequency.safeParse(single(raw));
  if (!parsed.success) throw new ValidationError([{ field: 'frequency', message: 'Choose how often to get emails' }]);
  await services.db
    .insert(followerSettings)
    .values({ userId: viewer.userId, frequency: parsed.data })
    .onConflictDoUpdate({ target: followerSettings.userId, set: { frequency: sql`excluded.frequency` } });
  return { frequency: parsed.data };
}
