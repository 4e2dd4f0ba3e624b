import { AppError } from '@/lib/errors';
import { materials } from '@/lib/db/schema';
import type { TestHub } from '@/lib/testing/test-hub';

/**
 * Test helpers for following: materials inserted directly (only their council, service areas, status,
 * visibility and when they were published matter here), instants for digest runs, and outcomes.
 */

export async function publishedMaterial(
  hub: TestHub,
  options: { organisationId: string | null; visibility?: string; title?: string; topics?: string[]; status?: string; publishedAt?: Date },
): Promise<string> {
  const [row] = await hub.services.db
    .insert(materials)
    .values({
      title: options.title ?? 'Research plan',
      artefactType: 'discussion-guide',
      kind: 'template',
      licence: 'OGL-UK-3.0',
      topics: options.topics ?? [],
      organisationId: options.organisationId,
      status: options.status ?? 'published',
      visibility: options.visibility ?? 'public',
      ...(options.publishedAt ? { firstPublishedAt: options.publishedAt } : {}),
    })
    .returning({ id: materials.id });
  return row!.id;
}

/** 9am UTC (after 7am in London, winter or summer) on the Monday `weeks` weeks after this coming one. */
export function mondayMorning(weeks = 0, now = new Date()): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  const toMonday = (8 - day.getUTCDay()) % 7 || 7;
  return new Date(day.getTime() + (toMonday + 7 * weeks) * 86_400_000);
}

export type FollowOutcome = 'allowed' | 'unauthenticated' | 'not_found' | 'validation' | 'forbidden';

export async function followOutcome(attempt: () => Promise<unknown>): Promise<FollowOutcome> {
  try {
    await attempt();
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError && ['unauthenticated', 'not_found', 'validation', 'forbidden'].includes(error.code)) return error.code as FollowOutcome;
    throw error;
  }
}
