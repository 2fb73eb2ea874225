import { compactVerify } from 'jose';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import type { ClientKeySets } from '../client-auth/client-key-sets.ts';

const ASYMMETRIC_ALGS = ['RS256', 'PS256', 'ES256'];

/**
 * A JWT the client signed with one of its registered keys, with an allowed `alg` (intersected with
 * the asymmetric algorithms this server supports). Checks the signature only; claims are the caller's.
 */
export async function verifyClientJwt(
  keySets: ClientKeySets,
  client: ClientRecord | null,
  jwt: string,
  algorithms: string[] = ASYMMETRIC_ALGS,
): Promise<{ header: Record<string, unknown>; claims: Record<string, unknown> } | null> {
  const keys = client ? keySets.forClient(client) : null;
  const allowed = algorithms.filter((alg) => ASYMMETRIC_ALGS.includes(alg));
  if (!keys || allowed.length === 0) return null;
  try {
    const { payload, protectedHeader } = await compactVerify(jwt, keys, { algorithms: allowed });
    const claims: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    return { header: protectedHeader as Record<string, unknown>, claims: claims as Record<string, unknown> };
  } catch {
    return null;
  }
}
