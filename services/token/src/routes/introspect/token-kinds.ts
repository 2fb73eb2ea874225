/** The kinds of token this server issues and accepts back at introspection and revocation. */
export type TokenKind = 'access_token' | 'refresh_token';

/**
 * The order to try the kinds in: the hinted one first. An unknown hint is ignored, not refused
 * (RFC 7009 §2.1, RFC 7662 §2.1).
 */
export function tokenKinds(hint: string | undefined): TokenKind[] {
  return hint === 'refresh_token' ? ['refresh_token', 'access_token'] : ['access_token', 'refresh_token'];
}
