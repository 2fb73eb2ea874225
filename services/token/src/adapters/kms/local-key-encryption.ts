import { createHash } from 'node:crypto';
import { compactDecrypt, CompactEncrypt, decodeProtectedHeader } from 'jose';
import type { KeyEncryption } from '../../domain/keys/key-encryption.ts';

/** The id of a local KEK: `local:` and the first 16 base64url characters of its SHA-256. */
export const localKekId = (key: Uint8Array) => `local:${createHash('sha256').update(key).digest('base64url').slice(0, 16)}`;

/**
 * `KeyEncryption` with 256-bit keys from the environment (`SIGNING_KEY_ENCRYPTION_KEY`, and
 * `SIGNING_KEY_ENCRYPTION_KEYS_PREVIOUS` while rewrapping after a KEK rotation): each private key is
 * a compact JWE, `dir` + A256GCM, whose `kid` names the KEK. The KEK never leaves this object.
 */
export function localKeyEncryption(current: Uint8Array, previous: readonly Uint8Array[] = []): KeyEncryption {
  const byId = new Map([current, ...previous].map((key) => [localKekId(key), key] as const));
  const currentKeyId = localKekId(current);
  const keyIdOf = (wrapped: string) => {
    const { kid } = decodeProtectedHeader(wrapped);
    if (typeof kid !== 'string') throw new Error('wrapped key names no key-encryption key');
    return kid;
  };
  return {
    currentKeyId,
    wrap: (plaintext) => new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: currentKeyId, cty: 'jwk+json' }).encrypt(current),
    async unwrap(wrapped) {
      const kid = keyIdOf(wrapped);
      const key = byId.get(kid);
      if (!key) throw new Error(`private key wrapped by key-encryption key ${kid}, which is not configured (SIGNING_KEY_ENCRYPTION_KEY / SIGNING_KEY_ENCRYPTION_KEYS_PREVIOUS)`);
      return (await compactDecrypt(wrapped, key)).plaintext;
    },
    keyIdOf,
  };
}
