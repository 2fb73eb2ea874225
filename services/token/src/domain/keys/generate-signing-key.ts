import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { SigningAlg } from './signing-keys.ts';
import type { SigningKeyState, StoredSigningKey } from './stored-signing-key.ts';

/** A fresh key pair for `alg` (RSA 2048 for RS256/PS256, P-256 for ES256); `kid` is its RFC 7638 thumbprint. */
export async function generateSigningKey(alg: SigningAlg, state: SigningKeyState = 'next', now = new Date()): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  const publicJwk = { ...pub, kid, alg, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateJwk, publicJwk, state, createdAt: now, activatedAt: state === 'active' ? now : null, retiredAt: null, publishUntil: null };
}
