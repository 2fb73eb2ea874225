import { X509Certificate } from 'node:crypto';
import { importJWK, type JWK } from 'jose';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
const DEFAULT_ALG: Record<string, string> = { RSA: 'RS256', 'EC:P-256': 'ES256' };

/**
 * Checks a client's registered JWK Set: public RSA or P-256 EC signing keys only, each importable.
 * Returns what is wrong, or undefined.
 */
export async function checkClientJwks(jwks: { keys: Record<string, unknown>[] }): Promise<string | undefined> {
  for (const [i, key] of jwks.keys.entries()) {
    if (PRIVATE_MEMBERS.some((m) => m in key)) return `jwks.keys[${i}] must be a public key`;
    if (key.use !== undefined && key.use !== 'sig') return `jwks.keys[${i}].use must be sig`;
    const kind = key.kty === 'EC' ? `EC:${String(key.crv)}` : String(key.kty);
    const alg = typeof key.alg === 'string' ? key.alg : DEFAULT_ALG[kind];
    if (!alg || !['RS256', 'PS256', 'ES256'].includes(alg) || (alg === 'ES256') !== (kind === 'EC:P-256')) {
      return `jwks.keys[${i}] must be an RSA key or a P-256 EC key for RS256, PS256 or ES256`;
    }
    if (key.kid !== undefined && typeof key.kid !== 'string') return `jwks.keys[${i}].kid must be a string`;
    try {
      await importJWK(key as JWK, alg);
    } catch {
      return `jwks.keys[${i}] is not a valid key`;
    }
    if (key.x5c !== undefined && !x5cHoldsKey(key)) return `jwks.keys[${i}].x5c must start with a certificate of this key`;
  }
  return undefined;
}

/** RFC 7517 §4.7: the first certificate of `x5c` (base64 DER) holds the key the JWK describes. */
function x5cHoldsKey(key: Record<string, unknown>): boolean {
  const leaf = Array.isArray(key.x5c) ? key.x5c[0] : undefined;
  if (typeof leaf !== 'string' || !key.x5c || (key.x5c as unknown[]).some((c) => typeof c !== 'string')) return false;
  try {
    const certified = new X509Certificate(Buffer.from(leaf, 'base64')).publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    const members = key.kty === 'EC' ? ['crv', 'x', 'y'] : ['n', 'e'];
    return members.every((member) => certified[member] === key[member]);
  } catch {
    return false;
  }
}
