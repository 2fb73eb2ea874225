import { createHash } from 'node:crypto';
import type { SigningAlg } from '../keys/signing-keys.ts';

const HASH_OF: Record<SigningAlg, string> = { RS256: 'sha256', PS256: 'sha256', ES256: 'sha256' };

/**
 * `at_hash` / `rt_hash`: base64url of the left half of the hash of the token's ASCII octets, the hash
 * being the one of the ID token's `alg`.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#CodeIDToken
 */
export function halfHash(token: string, alg: SigningAlg): string {
  const digest = createHash(HASH_OF[alg]).update(token, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
