import type { Confirmation } from './confirmation.ts';

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
  /** Present on sender-constrained tokens. */
  cnf?: Confirmation;
}
