/** What a token may do: read what its person may read, or also change what they may change. Safe to import anywhere. */
export const tokenScopes = ['read', 'read-write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const tokenScopeWords: Record<TokenScope, string> = {
  read: 'Read only',
  'read-write': 'Read and write',
};
