import { randomBytes } from 'node:crypto';

/** A random base64url token of `bytes` bytes (32 bytes = 256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
