import { SCOPE_CLAIMS } from '@ciba/contracts/api/userinfo';
import { scopeValues } from '../grants/scope-values.ts';

/**
 * The user's claims a scope releases (OIDC Core §5.4): the standard claims of `profile`, `email`,
 * `address` and `phone`, and `sub` always (never taken from the stored claims).
 */
export function claimsForScope(sub: string, claims: Record<string, unknown>, scope: string): Record<string, unknown> {
  const released: Record<string, unknown> = { sub };
  for (const value of scopeValues(scope)) {
    const names = (SCOPE_CLAIMS as Record<string, readonly string[]>)[value];
    if (!names || !Object.hasOwn(SCOPE_CLAIMS, value)) continue;
    for (const name of names) if (Object.hasOwn(claims, name) && claims[name] !== undefined) released[name] = claims[name];
  }
  return released;
}
