import type { JWK } from 'jose';

/**
 * Where a key is in its life: `next` is published in the JWKS before it signs anything, so relying
 * parties caching the JWKS know it when it starts signing; `active` signs; `retired` no longer signs
 * but stays published and verifying until `publishUntil`, when every token it signed has expired.
 */
export type SigningKeyState = 'next' | 'active' | 'retired';

/** A signing key as persisted (the private JWK as the repository hands it back: unwrapped). */
export interface StoredSigningKey {
  kid: string;
  alg: string;
  privateJwk: JWK;
  publicJwk: JWK;
  state: SigningKeyState;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
  /** Retired keys: when they leave the JWKS and stop verifying. */
  publishUntil: Date | null;
}

/** What one rotation of an algorithm's keys did. */
export interface Rotation {
  alg: string;
  /** The key that signs from now on (the former `next`). */
  activated: string;
  /** The former active key, retired until `publishUntil`. */
  retired: string | null;
  /** The new `next` key, published from now on. */
  next: string;
}

/** Persistence of signing keys (`signing_keys`). */
export interface SigningKeyRepository {
  /** Every key, newest first: next, active and retired (retired keys still verify tokens they signed). */
  listAll(): Promise<StoredSigningKey[]>;
  /**
   * Makes sure `alg` has an active key and a next key, storing the ones `generate` makes where they
   * are missing. Serialised across concurrent starters, so there is never more than one of each.
   */
  ensureKeys(alg: string, generate: () => Promise<StoredSigningKey>): Promise<void>;
  /**
   * Atomically, under the same serialisation: the active key of `alg` → retired until `publishUntil`,
   * the next key → active, and a new next key from `generate`. Refuses (`KeyNotReadyError`) when the
   * next key was created after `nextCreatedBefore` (relying parties may not have fetched it yet).
   */
  rotate(alg: string, options: { now: Date; publishUntil: Date; nextCreatedBefore: Date; generate: () => Promise<StoredSigningKey> }): Promise<Rotation>;
  /** Deletes retired keys whose `publishUntil` has passed; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
