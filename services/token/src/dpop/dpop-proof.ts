import type { JWK } from 'jose';

/** A verified DPoP proof (RFC 9449 §4.2): what the server binds tokens to. */
export interface DpopProof {
  /** The RFC 7638 SHA-256 thumbprint of `jwk`: the `cnf.jkt` of bound tokens. */
  jkt: string;
  jwk: JWK;
}

/** The request a proof must match (RFC 9449 §4.3). */
export interface DpopRequest {
  /** Every `DPoP` header value the request carried (exactly one is valid). */
  proofs: string[];
  /** The HTTP method, e.g. `POST`. */
  htm: string;
  /** The endpoint's public URL, without query or fragment. */
  htu: string;
  /** At a resource: the access token the proof's `ath` must hash. */
  accessToken?: string;
  now: Date;
}
