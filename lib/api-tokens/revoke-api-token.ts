import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canRevokeApiToken, canSeeApiToken } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { apiTokens } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { parseUuid } from '@/lib/text/uuid';

/**
 * Revokes a token (canRevokeApiToken: its person, or a site admin): it stops working on the very next
 * request. The row stays, so its person sees when it was revoked. Revoking twice is harmless.
 * Someone who may not revoke it is told it is not there (404), so token ids reveal nothing.
 */
export async function revokeApiToken(services: Services, viewer: Viewer, tokenId: unknown, now: Date = new Date()): Promise<void> {
  if (viewer.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to revoke an API token.');
  const id = parseUuid(tokenId);
  await services.db.transaction(async (tx) => {
    const [row] = id ? await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update') : [];
    if (!row || !canRevokeApiToken(viewer, row)) throw new AppError('not_found', 'Page not found');
    if (row.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: now, revokedBy: viewer.userId }).where(eq(apiTokens.id, row.id));
    await recordAuditEvent(tx, viewer, {
      action: 'api_token.revoked',
      subjectType: 'api_token',
      subjectId: row.id,
      organisationId: null,
      before: { name: row.name, scope: row.scope, byOwner: canSeeApiToken(viewer, row) },
    });
  });
}
