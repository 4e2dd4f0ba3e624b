import 'server-only';
import { sql } from 'drizzle-orm';
import { visibleMaterialsSql } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { Database } from '@/lib/db/client';
import { queryRows } from '@/lib/db/query-rows';
import type { Queryable } from '@/lib/db/transaction';
import { ValidationError } from '@/lib/errors';

/**
 * Sharing a file the hub already has: the same bytes (SHA-256) as any version of a material the
 * sharer may see. Only what they may see counts (lib/auth/permissions.ts, visibleMaterialsSql, the
 * rule search uses): another council's private material is never revealed, not even by a refusal.
 */
export async function findVisibleDuplicate(db: Queryable, viewer: Viewer, sha256: string): Promise<string | undefined> {
  const rows = await queryRows<{ id: string }>(
    db as Database,
    sql`SELECT m.id FROM materials m
        WHERE ${visibleMaterialsSql(viewer)}
          AND EXISTS (SELECT 1 FROM material_versions v WHERE v.material_id = m.id AND v.sha256 = ${sha256})
        ORDER BY m.created_at, m.id
        LIMIT 1`,
  );
  return rows[0]?.id;
}

/**
 * Where a refused attempt keeps the existing material's id (lib/forms/form-attempts.ts). The form
 * shows a link to it only after checking again that the person may see it.
 */
export const duplicateOfField = 'duplicateOf';

/** The form field that says "I know it is already there: share it anyway". */
export const shareAnywayField = 'shareAnyway';

/** Refuses a file the sharer can already find in the hub; the share form then offers to share it anyway. */
export class DuplicateFileError extends ValidationError {
  constructor(
    readonly materialId: string,
    fileField: string,
  ) {
    super([
      {
        field: fileField,
        message: 'This file is already in the hub. Go to the material that has it, or choose ‘Share it anyway’ and select the file again',
      },
    ]);
    this.name = 'DuplicateFileError';
  }
}
