import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { materialVersions } from '@/lib/db/schema';
import { versionColumns } from './row-columns';

/** The newest file version of a material (the one people download), without its extracted text. */
export async function currentVersion(db: Database, materialId: string) {
  const [version] = await db
    .select(versionColumns)
    .from(materialVersions)
    .where(eq(materialVersions.materialId, materialId))
    .orderBy(desc(materialVersions.versionNumber))
    .limit(1);
  return version;
}
