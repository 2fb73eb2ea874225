/**
 * The `cnf` claim of a sender-constrained access token (RFC 7800 §3.1): the key the token is bound
 * to, `jkt` for DPoP (RFC 9449 §6.1), `x5t#S256` for mTLS (RFC 8705 §3.1).
 */
export interface Confirmation {
  jkt?: string;
  'x5t#S256'?: string;
}
