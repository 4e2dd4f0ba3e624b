import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { materialVersions } from '@/lib/db/schema';
import type { Transaction } from '@/lib/db/transaction';

/** The newest version of a material with its check (never its text). */
export async function currentVersionCheck(db: Database | Transaction, materialId: string) {
  const [version] = await (db as Database)
    .select({
      id: materialVersions.id,
      versionNumber: materialVersions.versionNumber,
      fileName: materialVersions.fileName,
      format: materialVersions.format,
      sizeBytes: materialVersions.sizeBytes,
      storageKey: materialVersions.storageKey,
      checkStatus: materialVersions.checkStatus,
      checkReport: materialVersions.checkReport,
      checkMessage: materialVersions.checkMessage,
      formatProblem: materialVersions.formatProblem,
      textStatus: materialVersions.textStatus,
      publishedAt: materialVersions.publishedAt,
    })
    .from(materialVersions)
    .where(eq(materialVersions.materialId, materialId))
    .orderBy(desc(materialVersions.versionNumber))
    .limit(1);
  return version;
}
