import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { materials, materialVersionAlternatives, materialVersions } from '@/lib/db/schema';
import { generateAlternativeFormats } from '@/lib/documents';
import { alternativeFormatCodes } from '@/lib/material-alternatives/alternative-formats';
import { storeVersionAlternatives } from '@/lib/material-alternatives/store-alternatives';
import { logger } from '@/lib/logging';
import type { Services } from '@/lib/services';
import { starterKitEntries } from './seed-starter-kit';
import { starterKitDocumentProperties } from './starter-kit-documents';

/** A starter template is a few kilobytes; anything far bigger is not one the seed stored. */
const maxTemplateBytes = 1024 * 1024;

/**
 * Gives every starter-kit file version the seed stored (Markdown, uploaded by no one) its Word and
 * OpenDocument versions, generated from that version's own stored bytes, so the alternatives always say
 * what the Markdown beside them says. Run after seeding at every start: a new hub gets them with its
 * templates, a hub seeded before this existed gets them once, and a version that has both is skipped.
 * A file a council uploaded in place of a template (it has an uploader) gets none: alternatives are
 * made only for the hub's own templates.
 */
export async function addStarterKitAlternatives(services: Services): Promise<{ added: number }> {
  const entries = new Map(starterKitEntries().map((entry) => [entry.seedKey, entry]));
  const versions = await services.db
    .select({ id: materialVersions.id, storageKey: materialVersions.storageKey, createdAt: materialVersions.createdAt, seedKey: materials.seedKey })
    .from(materialVersions)
    .innerJoin(materials, eq(materials.id, materialVersions.materialId))
    .where(and(inArray(materials.seedKey, [...entries.keys()]), eq(materialVersions.format, 'md'), isNull(materialVersions.createdBy)));
  if (versions.length === 0) return { added: 0 };
  const existing = await services.db
    .select({ versionId: materialVersionAlternatives.versionId })
    .from(materialVersionAlternatives)
    .where(inArray(materialVersionAlternatives.versionId, versions.map((version) => version.id)));
  const counts = new Map<string, number>();
  for (const row of existing) counts.set(row.versionId, (counts.get(row.versionId) ?? 0) + 1);

  let added = 0;
  for (const version of versions) {
    const entry = entries.get(version.seedKey ?? '');
    if (!entry || (counts.get(version.id) ?? 0) >= alternativeFormatCodes.length) continue;
    try {
      const markdown = await readTemplate(services, version.storageKey);
      if (markdown === undefined) continue;
      // The version's own date, so the same template gives the same ODT bytes on every hub.
      const files = await generateAlternativeFormats(markdown, starterKitDocumentProperties(entry, version.createdAt));
      added += await storeVersionAlternatives(services, version.id, files);
    } catch (error) {
      // Storage down at start-up: the next start tries again; the Markdown is still there to download.
      logger('seed').warn({ seedKey: entry.seedKey, err: error }, 'starter kit alternatives not added');
    }
  }
  return { added };
}

async function readTemplate(services: Services, storageKey: string): Promise<string | undefined> {
  const { body, sizeBytes } = await services.storage.get(storageKey);
  if (sizeBytes > maxTemplateBytes) {
    body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
