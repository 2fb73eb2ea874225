/** JWS algorithms this server signs with (ID tokens, access tokens) and accepts for its own JWTs. */
export const SIGNING_ALGS = ['RS256', 'PS256', 'ES256'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/**
 * The server's signing keys: one active key per algorithm, published as the JWKS.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#Signing
 */
export interface SigningKeys {
  /** Signs `payload` as a compact JWS with the active key of `alg`; the header carries `kid` and `typ`. */
  sign(payload: Record<string, unknown>, options: { alg: SigningAlg; typ?: string }): Promise<string>;
  /**
   * Signs `payload` (its UTF-8 bytes) with the active key of `alg` as a detached compact JWS (RFC 7515
   * Appendix F: `<header>..<signature>`, the payload left out); the header carries `alg`, `kid`, `typ`.
   */
  signDetached(payload: string, options: { alg: SigningAlg; typ: string }): Promise<string>;
  /**
   * Verifies a JWT signed by one of our keys (looked up by `kid`, with that key's `alg` only), and its
   * `exp`/`nbf` against `currentDate` (default now). Rejects (throws a jose error) when not valid.
   */
  verify(jwt: string, options?: { currentDate?: Date }): Promise<{ payload: Record<string, unknown>; protectedHeader: Record<string, unknown> }>;
  /** The public JWK Set (RFC 7517 §5): every key we may have signed with, each with `kid`, `alg`, `use`. */
  jwks(): { keys: object[] };
  readonly supportedAlgs: readonly string[];
}
