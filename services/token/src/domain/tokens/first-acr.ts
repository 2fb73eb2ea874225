import { scopeValues } from '../grants/scope-values.ts';

/**
 * The `acr` claimed for a request that asked for `acr_values`: the first value, the client's most
 * preferred. The consent device's approval is the one authentication this server performs, and it
 * is run at whatever level the client asked for; no `acr` is claimed when none was requested.
 */
export function firstAcr(acrValues: string | null | undefined): string | undefined {
  return scopeValues(acrValues)[0];
}
