import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { materials, materialVersions, organisations } from '@/lib/db/schema';

/** For tests only: materials written straight to the tables, as the search tests need them. */

export interface TestMaterial {
  title: string;
  summary?: string;
  visibility?: string;
  status?: string;
  organisationId?: string | null;
  phases?: string[];
  artefactType?: string;
  kind?: string;
  topics?: string[];
  tags?: string[];
  licence?: string;
  text?: string | null;
  createdAt?: Date;
}

export async function insertMaterial(db: Database, material: TestMaterial): Promise<string> {
  const [row] = await db
    .insert(materials)
    .values({
      title: material.title,
      summary: material.summary ?? '',
      visibility: material.visibility ?? 'public',
      status: material.status ?? 'published',
      organisationId: material.organisationId ?? null,
      phases: material.phases ?? ['discovery'],
      artefactType: material.artefactType ?? 'playbook',
      kind: material.kind ?? 'guidance',
      topics: material.topics ?? ['housing'],
      tags: material.tags ?? [],
      licence: material.licence ?? 'OGL-UK-3.0',
      sourceUrl: 'https://internal.example/source',
      attribution: 'Internal attribution',
      seedKey: `seed-${randomUUID()}`,
      ...(material.createdAt ? { createdAt: material.createdAt, updatedAt: material.createdAt } : {}),
    })
    .returning({ id: materials.id });
  await db.insert(materialVersions).values({
    materialId: row!.id,
    versionNumber: 1,
    fileName: 'guide.txt',
    format: 'txt',
    contentType: 'text/plain',
    sizeBytes: 1234,
    sha256: 'a'.repeat(64),
    storageKey: `materials/2026/01/${randomUUID()}`,
    textStatus: material.text ? 'done' : 'pending',
    textContent: material.text ?? null,
  });
  return row!.id;
}

export async function organisation(db: Database, slug: string): Promise<{ id: string; slug: string; name: string }> {
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  if (!row) throw new Error(`No organisation ${slug}`);
  return { id: row.id, slug: row.slug, name: row.name };
}

export function memberOf(org: { id: string; slug: string; name: string } | null, extra: { isSiteAdmin?: boolean; role?: 'member' | 'org_admin' } = {}): Viewer {
  return { kind: 'user', userId: randomUUID(), name: 'Sam', organisation: org, role: extra.role ?? 'member', isSiteAdmin: extra.isSiteAdmin ?? false };
}
