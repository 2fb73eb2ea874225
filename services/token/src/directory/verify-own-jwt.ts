import { decodeJwt } from 'jose';
import type { SigningKeys } from '../domain/keys/signing-keys.ts';

/**
 * A JWT this server signed (e.g. an ID token sent back as `id_token_hint`): our key and `alg`, our
 * issuer; an expired one is accepted (CIBA Core §7.1 tolerates expired hints). Its claims, or null.
 */
export async function verifyOwnJwt(keys: SigningKeys, issuer: string, jwt: string): Promise<Record<string, unknown> | null> {
  try {
    const { exp } = decodeJwt(jwt);
    const nowSeconds = Date.now() / 1000;
    const currentDate = typeof exp === 'number' && exp <= nowSeconds ? new Date((exp - 1) * 1000) : undefined;
    const { payload } = await keys.verify(jwt, currentDate ? { currentDate } : {});
    return payload.iss === issuer ? payload : null;
  } catch {
    return null;
  }
}
