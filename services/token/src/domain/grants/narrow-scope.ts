import { InvalidScope } from '@ciba/contracts/oauth-errors';
import { scopeValues } from './scope-values.ts';

/**
 * The scope of a refreshed access token: the one granted, or a subset the client asks for.
 * Asking for anything not granted is `invalid_scope` (RFC 6749 §6).
 */
export function narrowScope(granted: string, requested: string | undefined): string {
  if (requested === undefined) return granted;
  const allowed = new Set(scopeValues(granted));
  const asked = scopeValues(requested);
  if (asked.length === 0) throw new InvalidScope('scope must not be empty');
  const extra = asked.filter((s) => !allowed.has(s));
  if (extra.length > 0) throw new InvalidScope(`scope exceeds the scope originally granted: ${extra.join(' ')}`);
  return asked.join(' ');
}
