import 'server-only';
import { desc, eq, getTableColumns } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { materialVersions } from '@/lib/db/schema';

// Everything but the extracted text, which can run to 2 MB and is read only by search.
const { textContent: _textContent, ...versionColumns } = getTableColumns(materialVersions);

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
