import { createECDH } from 'node:crypto';
import type { VapidKeys } from './vapid-keys.ts';

/**
 * Checks a VAPID identity before any message is signed with it: the public key is an uncompressed
 * P-256 point (65 bytes), the private key 32 bytes whose public half is that point (a swapped or
 * mismatched pair would have every push service answer 401/403), the subject `mailto:` or `https:`.
 * Throws an Error naming the variable; never echoes a key.
 */
export function checkVapidKeys(keys: VapidKeys): VapidKeys {
  const publicKey = Buffer.from(keys.publicKey, 'base64url');
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) throw new Error('VAPID_PUBLIC_KEY: expected an uncompressed P-256 public key (65 bytes, base64url)');
  const privateKey = Buffer.from(keys.privateKey, 'base64url');
  if (privateKey.length !== 32) throw new Error('VAPID_PRIVATE_KEY: expected a P-256 private key (32 bytes, base64url)');
  let derived: Buffer;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(privateKey);
    derived = ecdh.getPublicKey();
  } catch {
    throw new Error('VAPID_PRIVATE_KEY: not a P-256 private key');
  }
  if (!derived.equals(publicKey)) throw new Error('VAPID_PUBLIC_KEY: does not match VAPID_PRIVATE_KEY');
  if (!/^mailto:[^@\s]+@[^@\s]+$/.test(keys.subject) && !/^https:\/\/[^\s/]+/.test(keys.subject)) throw new Error('VAPID_SUBJECT: expected a mailto: or https: URL');
  return keys;
}
