import { materials } from '@/lib/db/schema';
import type { TestHub } from '@/lib/testing/test-hub';
import { addDays, todayInLondon } from '@/lib/text/calendar-days';

/**
 * Test helpers for commitments: form answers as a browser posts them, and materials inserted directly
 * (the sharing flow is tested in lib/materials; here only their owner, status and visibility matter).
 */

/** The three boxes of the date input for a day `days` from today in London. */
export function dueIn(days: number, now = new Date()): { dueDay: string; dueMonth: string; dueYear: string } {
  const [year, month, day] = addDays(todayInLondon(now), days).split('-') as [string, string, string];
  return { dueDay: String(Number(day)), dueMonth: String(Number(month)), dueYear: year };
}

export function commitmentAnswers(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: 'share-materials',
    phase: 'discovery',
    description: 'Share our Discovery research plan and findings',
    ...dueIn(60),
    evidenceExpected: 'The research plan and the findings report, published on the hub',
    visibility: 'public',
    ...overrides,
  };
}

export async function insertMaterial(
  hub: TestHub,
  options: { organisationId: string | null; status?: string; visibility?: string; title?: string },
): Promise<string> {
  const [row] = await hub.services.db
    .insert(materials)
    .values({
      title: options.title ?? 'Research plan',
      artefactType: 'discussion-guide',
      kind: 'template',
      licence: 'OGL-UK-3.0',
      organisationId: options.organisationId,
      status: options.status ?? 'published',
      visibility: options.visibility ?? 'public',
    })
    .returning({ id: materials.id });
  return row!.id;
}
