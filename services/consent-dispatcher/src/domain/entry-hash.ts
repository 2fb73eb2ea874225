import type { UserChannel } from '@ciba/contracts';
import { sha256 } from '@ciba/service-kit';

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * SHA-256 (base64url) of a user's channel entry as canonical JSON (keys sorted): the same entry hashes
 * the same wherever it sits in the list; a replaced entry (a new push token) hashes differently.
 */
export function entryHash(entry: UserChannel): string {
  return sha256(canonical(entry));
}
