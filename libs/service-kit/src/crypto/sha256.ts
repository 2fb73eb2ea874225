import { createHash } from 'node:crypto';

/** SHA-256 as base64url (43 characters): how high-entropy secrets and ids are stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}
