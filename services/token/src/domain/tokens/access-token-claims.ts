/** The claims of one of our RFC 9068 access tokens, once verified. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  client_id: string;
  scope: string;
  jti: string;
  exp: number;
  iat: number;
  auth_time?: number;
  acr?: string;
  /** RFC 7800: the binding of a sender-constrained token (`x5t#S256` or `jkt`). */
  cnf?: Record<string, string>;
}
