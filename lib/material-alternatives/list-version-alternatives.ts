import 'server-only';
import { eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { materialVersionAlternatives } from '@/lib/db/schema';
import { viewableVersion } from '@/lib/materials/viewable-version';
import type { Services } from '@/lib/services';
import { alternativeFormatCodes, alternativeFormatSchema, type AlternativeFormatCode } from './alternative-formats';

/** An alternative format as a page links to it: no storage key. */
export interface VersionAlternative {
  format: AlternativeFormatCode;
  sizeBytes: number;
}

/**
 * The alternative formats of one version of a material (undefined: the current one), for a viewer
 * who may download that version, in the order pages offer them; empty for everyone else, behind the
 * same check as the version's download (viewable-version.ts).
 */
export async function listVersionAlternatives(
  services: Services,
  viewer: Viewer,
  materialId: string,
  versionNumber?: number | string,
): Promise<VersionAlternative[]> {
  const found = await viewableVersion(services, viewer, materialId, versionNumber);
  if (!found) return [];
  const rows = await services.db
    .select({ format: materialVersionAlternatives.format, sizeBytes: materialVersionAlternatives.sizeBytes })
    .from(materialVersionAlternatives)
    .where(eq(materialVersionAlternatives.versionId, found.version.id));
  const known = rows.flatMap((row) => {
    const format = alternativeFormatSchema.safeParse(row.format);
    return format.success ? [{ format: format.data, sizeBytes: row.sizeBytes }] : [];
  });
  return known.sort((a, b) => alternativeFormatCodes.indexOf(a.format) - alternativeFormatCodes.indexOf(b.format));
}
