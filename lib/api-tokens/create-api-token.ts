import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { canCreateApiToken } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { apiTokens } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import type { Services } from '@/lib/services';
import { readTokenAnswers } from './token-input';
import { newTokenSecret } from './token-secret';
import type { TokenScope } from './token-scope';

export interface CreatedApiToken {
  id: string;
  name: string;
  scope: TokenScope;
  expiresAt: Date;
  /** The secret, returned this once and never stored: the page shows it and forgets it. */
  secret: string;
}

/**
 * Makes a personal API token for the viewer (canCreateApiToken): checked answers, a new random
 * secret whose sha256 alone is stored, and an audit event ('api_token.created', without the secret
 * or its hash), in one transaction.
 */
export async function createApiToken(services: Services, viewer: Viewer, fields: Record<string, unknown>, now: Date = new Date()): Promise<CreatedApiToken> {
  if (viewer.kind !== 'user' || !canCreateApiToken(viewer)) throw new AppError('unauthenticated', 'Sign in to create an API token.');
  const answers = readTokenAnswers(fields, now);
  const { secret, hash, shownPrefix } = newTokenSecret();
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: viewer.userId, name: answers.name, scope: answers.scope, secretHash: hash, secretPrefix: shownPrefix, createdAt: now, expiresAt: answers.expiresAt })
      .returning({ id: apiTokens.id });
    if (!row) throw new Error('The token was not stored');
    await recordAuditEvent(tx, viewer, {
      action: 'api_token.created',
      subjectType: 'api_token',
      subjectId: row.id,
      organisationId: null,
      after: { name: answers.name, scope: answers.scope, expiresAt: answers.expiresAt.toISOString() },
    });
    return { id: row.id, name: answers.name, scope: answers.scope, expiresAt: answers.expiresAt, secret };
  });
}
