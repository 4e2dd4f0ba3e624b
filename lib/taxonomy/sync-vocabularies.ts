import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { artefactTypes, kinds, licences, organisations, phases, topics } from '@/lib/db/schema';
import { vocabularies } from './vocabularies';

/**
 * Writes the vocabularies and the UK councils into the database. Idempotent: run at every start, it
 * updates labels that changed and adds new entries, and never removes anything (rows may refer to it).
 * A council's email domains are set only when it is first added: after that an admin owns them.
 */
export async function syncVocabularies(db: Database): Promise<void> {
  const v = vocabularies();
  await db.transaction(async (tx) => {
    await tx
      .insert(phases)
      .values(v.phases.map((p, position) => ({ ...p, position })))
      .onConflictDoUpdate({ target: phases.slug, set: excludedColumns(['label', 'description', 'position']) });
    await tx
      .insert(kinds)
      .values(v.kinds.map((k, position) => ({ ...k, position })))
      .onConflictDoUpdate({ target: kinds.slug, set: excludedColumns(['label', 'description', 'position']) });
    await tx
      .insert(artefactTypes)
      .values(v.artefactTypes.map((a, position) => ({ ...a, position })))
      .onConflictDoUpdate({
        target: artefactTypes.slug,
        set: excludedColumns(['label', 'description', 'typical_phases', 'position']),
      });
    await tx
      .insert(topics)
      .values(v.topics.map((t, position) => ({ ...t, position })))
      .onConflictDoUpdate({ target: topics.slug, set: excludedColumns(['label', 'lgsl_codes', 'position']) });
    await tx
      .insert(licences)
      .values(v.licences.map((l, position) => ({ ...l, position })))
      .onConflictDoUpdate({ target: licences.spdx, set: excludedColumns(['label', 'url', 'is_default', 'position']) });
    await tx
      .insert(organisations)
      .values(
        v.councils.map((c) => ({
          slug: c.slug,
          name: c.name,
          type: 'council',
          gssCode: c.gssCode,
          tier: c.tier,
          country: c.country,
          homepageUrl: c.homepageUrl,
          emailDomains: c.emailDomain ? [c.emailDomain] : [],
        })),
      )
      .onConflictDoUpdate({
        target: organisations.slug,
        set: excludedColumns(['name', 'gss_code', 'tier', 'country', 'homepage_url']),
      });
  });
}

function excludedColumns(columns: string[]) {
  return Object.fromEntries(columns.map((c) => [camel(c), sql.raw(`excluded.${c}`)]));
}

function camel(column: string) {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
