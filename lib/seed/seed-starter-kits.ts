import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { auditEvents, kitItems, kits, materials } from '@/lib/db/schema';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { starterKits } from './starter-kits';

const hub = { kind: 'system', label: 'Discovery Commons starter kit' } as const;

/**
 * Adds the hub's starter kits (starter-kits.ts), once each: a kit is added only if it was never added
 * before, which the audit log remembers ('kit.made' with its seed key), so a site admin who deletes a
 * starter kit does not see it come back at the next start. A kit has no council and no person: it is
 * the hub's. Its items are the starter templates that are there and published (a withdrawn one is
 * left out). Runs after seedStarterKit, which adds the templates.
 */
export async function seedStarterKits(services: Services): Promise<{ added: number; skipped: number }> {
  // Which kits were ever added, in one look at the kits' own audit events (the subject index), not one per kit.
  const seen = await services.db
    .select({ seedKey: sql<string | null>`${auditEvents.after}->>'seedKey'` })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'kit'), eq(auditEvents.action, 'kit.made')));
  const addedBefore = new Set(seen.map((row) => row.seedKey));
  let added = 0;
  for (const definition of starterKits) {
    if (addedBefore.has(definition.seedKey)) continue;
    try {
      const made = await services.db.transaction(async (tx) => {
        const templates = await tx
          .select({ id: materials.id, seedKey: materials.seedKey })
          .from(materials)
          .where(and(inArray(materials.seedKey, definition.items.map((item) => item.template)), eq(materials.status, 'published')));
        if (templates.length === 0) return false; // the templates are not there (not seeded): nothing to gather
        const [kit] = await tx
          .insert(kits)
          .values({ title: definition.title, description: definition.description, visibility: 'public', organisationId: null, seedKey: definition.seedKey })
          .returning({ id: kits.id });
        const byKey = new Map(templates.map((t) => [t.seedKey, t.id]));
        const items = definition.items.flatMap((item, i) => {
          const materialId = byKey.get(item.template);
          return materialId ? [{ kitId: kit!.id, materialId, position: i + 1, note: item.note }] : [];
        });
        await tx.insert(kitItems).values(items);
        await recordAuditEvent(tx, hub, {
          action: 'kit.made',
          subjectType: 'kit',
          subjectId: kit!.id,
          organisationId: null,
          after: { seedKey: definition.seedKey, title: definition.title, visibility: 'public' },
        });
        return true;
      });
      if (made) added++;
    } catch (error) {
      // Another instance starting at the same moment may have added it first (unique seed key).
      logger('seed').warn({ seedKey: definition.seedKey, err: error }, 'starter kit not added');
    }
  }
  return { added, skipped: starterKits.length - added };
}
