import 'server-only';
import { eq } from 'drizzle-orm';
import { canChangeKit } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { organisations } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { kitFor } from './kit-access';
import { visibleKitItems } from './kit-items-query';

/** What the kit page shows: the kit, and only the items this viewer may see (kit-items-query.ts). */
export interface KitView {
  id: string;
  title: string;
  description: string;
  visibility: string;
  /** The council that made it; null for the hub's own starter kits. */
  council: { slug: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  items: KitItemView[];
  /** Files in the zip for this viewer, and their total size in bytes (before zipping). */
  fileCount: number;
  totalBytes: number;
  can: { change: boolean };
}

export interface KitItemView {
  materialId: string;
  title: string;
  summary: string;
  note: string;
  council: { slug: string; name: string } | null;
  licence: string;
  fileName: string | null;
  sizeBytes: number | null;
}

/** The kit for this viewer, or undefined when they may not see it or it does not exist (the same 404). */
export async function getKit(services: Services, viewer: Viewer, kitId: unknown): Promise<KitView | undefined> {
  let kit;
  try {
    kit = await kitFor(services.db, viewer, kitId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
  const [council] = kit.organisationId
    ? await services.db.select({ slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.id, kit.organisationId))
    : [];
  const rows = await visibleKitItems(services.db, viewer, kit.id);
  const items = rows.map((row) => ({
    materialId: row.material_id,
    title: row.title,
    summary: row.summary,
    note: row.note,
    council: row.council_slug && row.council_name ? { slug: row.council_slug, name: row.council_name } : null,
    licence: row.licence_title ?? row.licence,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
  }));
  const files = items.filter((item) => item.fileName !== null);
  return {
    id: kit.id,
    title: kit.title,
    description: kit.description,
    visibility: kit.visibility,
    council: council ?? null,
    createdAt: kit.createdAt,
    updatedAt: kit.updatedAt,
    items,
    fileCount: files.length,
    totalBytes: files.reduce((sum, item) => sum + (item.sizeBytes ?? 0), 0),
    can: { change: canChangeKit(viewer, kit) },
  };
}
