import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { InvalidDpopProof } from '@ciba/contracts/oauth-errors';
import type { DpopRequest } from './dpop-proof.ts';

/** The URL without query and fragment, syntax-normalised (RFC 9449 §4.3 item 9, RFC 3986 §6.2.2–6.2.3); null if not a URL. */
function normalisedUrl(value: string): string | null {
  try {
    const url = new URL(value);
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

/**
 * The claim rules of a DPoP proof (RFC 9449 §4.3 items 7–12, except the nonce and the replay check):
 * a `jti`, `htm` equal to the method, `htu` equal to the endpoint, `iat` within `windowSeconds` of
 * `now` either way, and at a resource `ath` equal to the hash of the access token (§7.1). Answers
 * the `jti` and `iat`; throws `invalid_dpop_proof` naming the claim.
 */
export function checkProofClaims(payload: JWTPayload, request: DpopRequest, windowSeconds: number): { jti: string; iat: number } {
  const { jti, iat } = payload;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw new InvalidDpopProof('DPoP proof jti is missing or invalid');
  if (payload.htm !== request.htm) throw new InvalidDpopProof('DPoP proof htm does not match the request method');
  if (typeof payload.htu !== 'string' || normalisedUrl(payload.htu) === null || normalisedUrl(payload.htu) !== normalisedUrl(request.htu)) {
    throw new InvalidDpopProof('DPoP proof htu does not match the endpoint');
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new InvalidDpopProof('DPoP proof iat is missing or invalid');
  if (Math.abs(request.now.getTime() / 1000 - iat) > windowSeconds) throw new InvalidDpopProof('DPoP proof iat is outside the acceptable window');
  if (request.accessToken !== undefined) {
    const ath = createHash('sha256').update(request.accessToken).digest('base64url');
    if (payload.ath !== ath) throw new InvalidDpopProof('DPoP proof ath does not match the access token');
  }
  return { jti, iat };
}
