import type { JWK } from 'jose';

/** A signing key as persisted: the private and public JWK of one algorithm. */
export interface StoredSigningKey {
  kid: string;
  alg: string;
  privateJwk: JWK;
  publicJwk: JWK;
  active: boolean;
}

/** Persistence of signing keys (`signing_keys`). */
export interface SigningKeyRepository {
  /** Every key, active or retired (retired keys still verify tokens they signed). */
  listAll(): Promise<StoredSigningKey[]>;
  /**
   * The active key of `alg`; when there is none, stores the one `generate` makes. Serialised across
   * concurrent starters, so only one active key per algorithm is ever created.
   */
  ensureActive(alg: string, generate: () => Promise<StoredSigningKey>): Promise<StoredSigningKey>;
}
