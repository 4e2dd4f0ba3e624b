import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { materials } from '@/lib/db/schema';
import { createMaterial } from '@/lib/materials/create-material';
import type { Services } from '@/lib/services';
import { logger } from '@/lib/logging';

/**
 * The starter kit: Discovery templates the hub writes itself (lib/seed/starter-kit/), shared under the
 * Open Government Licence so a new hub is never empty. Each has a seed key; an entry already in the
 * database is skipped, so seeding twice never duplicates (and a withdrawn one is not brought back).
 */

const starterKitDir = path.join(process.cwd(), 'lib', 'seed', 'starter-kit');

const entrySchema = z.object({
  seedKey: z.string().min(1),
  file: z.string().regex(/^[a-z0-9-]+\.md$/),
  title: z.string(),
  summary: z.string(),
  phases: z.array(z.string()),
  artefactType: z.string(),
  kind: z.string(),
  topics: z.array(z.string()),
  tags: z.array(z.string()),
  licence: z.string(),
});

export type StarterKitEntry = z.infer<typeof entrySchema>;

export function starterKitEntries(): StarterKitEntry[] {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(starterKitDir, 'starter-kit.json'), 'utf8'));
  return z.array(entrySchema).parse(raw);
}

export async function seedStarterKit(services: Services): Promise<{ added: number; skipped: number }> {
  const entries = starterKitEntries();
  const existing = await services.db
    .select({ seedKey: materials.seedKey })
    .from(materials)
    .where(inArray(materials.seedKey, entries.map((e) => e.seedKey)));
  const present = new Set(existing.map((row) => row.seedKey));
  let added = 0;
  for (const entry of entries) {
    if (present.has(entry.seedKey)) continue;
    try {
      await createMaterial(services, {
        actor: { kind: 'system', label: 'Discovery Commons starter kit' },
        fields: {
          title: entry.title,
          summary: entry.summary,
          phases: entry.phases,
          artefactType: entry.artefactType,
          kind: entry.kind,
          topics: entry.topics,
          tags: entry.tags.join(', '),
          licence: entry.licence,
          attribution: 'Discovery Commons starter kit',
        },
        file: { fileName: entry.file, stream: fs.createReadStream(path.join(starterKitDir, entry.file)) },
        seedKey: entry.seedKey,
      });
      added++;
    } catch (error) {
      // Another instance starting at the same moment may have added it first (unique seed key).
      logger('seed').warn({ seedKey: entry.seedKey, err: error }, 'starter kit entry not added');
    }
  }
  return { added, skipped: entries.length - added };
}
