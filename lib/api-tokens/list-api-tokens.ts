import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/viewer';
import { apiTokens } from '@/lib/db/schema';
import type { Services } from '@/lib/services';
import { tokenState, type TokenState } from './token-state';
import type { TokenScope } from './token-scope';

export interface ApiTokenSummary {
  id: string;
  name: string;
  scope: TokenScope;
  /** The first characters of the secret ("dc_ab12"), to tell tokens apart; never the secret. */
  secretPrefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: TokenState;
}

/** The viewer's own tokens, newest first (canSeeApiToken: a person sees only their own). */
export async function listApiTokens(services: Services, viewer: Viewer, now: Date = new Date()): Promise<ApiTokenSummary[]> {
  if (viewer.kind !== 'user') return [];
  const rows = await services.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      secretPrefix: apiTokens.secretPrefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, viewer.userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((row) => ({ ...row, scope: row.scope as TokenScope, state: tokenState(row, now) }));
}
