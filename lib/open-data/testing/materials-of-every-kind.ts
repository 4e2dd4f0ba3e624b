import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { materials, materialVersions, organisations } from '@/lib/db/schema';
import type { TestHub } from '@/lib/testing/test-hub';

/**
 * Test support: for each of two councils, a material of every kind the open interfaces must tell
 * apart: public (the only ones they may show), for councils only, for the organisation only, a draft
 * meant to be public, and a withdrawn one that was public. Each title holds `word`, so a search for
 * it finds these and nothing else (the starter kit, other tests' materials).
 */
export const materialKinds = ['public', 'councils', 'organisation', 'draft', 'withdrawn'] as const;
export type MaterialKind = (typeof materialKinds)[number];

export interface SeededCouncil {
  id: string;
  slug: string;
  name: string;
  /** Material id by kind. */
  materials: Record<MaterialKind, string>;
}

export async function materialsOfEveryKind(hub: TestHub, word: string, slugs: string[] = ['bristol', 'leeds']): Promise<SeededCouncil[]> {
  const seeded: SeededCouncil[] = [];
  for (const slug of slugs) {
    const [row] = await hub.services.db.select().from(organisations).where(eq(organisations.slug, slug));
    if (!row) throw new Error(`no council ${slug}`);
    const ids = {} as Record<MaterialKind, string>;
    for (const kind of materialKinds) {
      ids[kind] = await insertMaterial(hub, {
        title: `${slug} ${kind} ${word} guide`,
        organisationId: row.id,
        visibility: kind === 'councils' || kind === 'organisation' ? kind : 'public',
        status: kind === 'draft' ? 'draft' : kind === 'withdrawn' ? 'withdrawn' : 'published',
      });
    }
    seeded.push({ id: row.id, slug, name: row.name, materials: ids });
  }
  return seeded;
}

/** One material with one file version, published (or not) as `status` says. */
export async function insertMaterial(
  hub: TestHub,
  values: { title: string; organisationId: string | null; visibility: string; status: string; summary?: string; createdAt?: Date },
): Promise<string> {
  const [m] = await hub.services.db
    .insert(materials)
    .values({
      title: values.title,
      summary: values.summary ?? `About ${values.title}.`,
      visibility: values.visibility,
      status: values.status,
      organisationId: values.organisationId,
      phases: ['discovery'],
      artefactType: 'discussion-guide',
      kind: 'template',
      licence: 'OGL-UK-3.0',
      topics: ['housing'],
      ...(values.createdAt ? { createdAt: values.createdAt, updatedAt: values.createdAt } : {}),
    })
    .returning({ id: materials.id });
  await hub.services.db.insert(materialVersions).values({
    materialId: m!.id,
    versionNumber: 1,
    fileName: 'guide.pdf',
    format: 'pdf',
    contentType: 'application/pdf',
    sizeBytes: 2048,
    sha256: randomUUID().replaceAll('-', '').padEnd(64, '0'),
    storageKey: `materials/2026/01/${randomUUID()}`,
    publishedAt: values.status === 'draft' ? null : (values.createdAt ?? new Date()),
  });
  return m!.id;
}
