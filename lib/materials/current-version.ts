import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { materialVersions } from '@/lib/db/schema';

/** The newest file version of a material (the one people download). */
export async function currentVersion(db: Database, materialId: string) {
  const [version] = await db
    .select()
    .from(materialVersions)
    .where(eq(materialVersions.materialId, materialId))
    .orderBy(desc(materialVersions.versionNumber))
    .limit(1);
  return version;
}
