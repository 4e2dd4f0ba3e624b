/** Whether a token works now. Safe to import anywhere. */
export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: { expiresAt: Date; revokedAt: Date | null }, now: Date = new Date()): TokenState {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}
