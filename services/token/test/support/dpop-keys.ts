import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface DpopTestKey {
  alg: string;
  privateKey: CryptoKey;
  jwk: JWK;
  /** RFC 7638 thumbprint of `jwk`. */
  jkt: string;
}

/** A fresh key pair for DPoP proofs. */
export async function dpopKey(alg = 'ES256'): Promise<DpopTestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  const jwk = await exportJWK(publicKey);
  return { alg, privateKey, jwk, jkt: await calculateJwkThumbprint(jwk, 'sha256') };
}

export interface ProofOptions {
  htm?: string;
  htu: string;
  /** Seconds since the epoch. @defaultValue now */
  iat?: number;
  jti?: string;
  nonce?: string;
  ath?: string;
  /** Replaces or adds members of the protected header. */
  header?: Record<string, unknown>;
  /** Replaces or adds claims; `undefined` removes one. */
  claims?: Record<string, unknown>;
}

/** A DPoP proof JWT (RFC 9449 §4.2) signed by `key`. */
export async function dpopProof(key: DpopTestKey, options: ProofOptions): Promise<string> {
  const payload: Record<string, unknown> = {
    jti: options.jti ?? randomUUID(),
    htm: options.htm ?? 'POST',
    htu: options.htu,
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
    ...(options.ath !== undefined ? { ath: options.ath } : {}),
    ...options.claims,
  };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, typ: 'dpop+jwt', jwk: key.jwk, ...options.header } as any).sign(key.privateKey);
}
