import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWTPayload } from 'jose';
import { InvalidDpopProof, UseDpopNonce } from '@ciba/contracts/oauth-errors';
import { checkProofClaims } from './check-proof-claims.ts';
import { checkProofHeader } from './check-proof-header.ts';
import { DPOP_ALGS } from './dpop-algs.ts';
import type { DpopNonces } from './dpop-nonces.ts';
import type { DpopProof, DpopRequest } from './dpop-proof.ts';
import type { DpopReplayCache } from './dpop-replay-cache.ts';

export interface VerifyDpopProofDeps {
  nonces: DpopNonces;
  requireNonce: boolean;
  /** Seconds either side of now a proof's `iat` may be. */
  proofWindow: number;
  replay: DpopReplayCache;
}

/**
 * Checks a DPoP proof the way RFC 9449 §4.3 lists (one header, header rules, signature by the
 * embedded key, claims, nonce when required, `jti` never seen before) and answers the key's
 * thumbprint. Throws `invalid_dpop_proof`, or `use_dpop_nonce` carrying the current nonce.
 * The `jti` is remembered last, once everything else holds, until its `iat` leaves the window.
 */
export async function verifyDpopProof(deps: VerifyDpopProofDeps, request: DpopRequest): Promise<DpopProof> {
  if (request.proofs.length !== 1) throw new InvalidDpopProof('exactly one DPoP header is allowed');
  const proof = request.proofs[0]!;
  const { jwk } = checkProofHeader(proof);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, { algorithms: [...DPOP_ALGS], typ: 'dpop+jwt' }));
  } catch (err) {
    throw new InvalidDpopProof('DPoP proof signature or key is invalid', { cause: err });
  }
  const { jti, iat } = checkProofClaims(payload, request, deps.proofWindow);
  if (deps.requireNonce) {
    const nonce = payload.nonce;
    if (typeof nonce !== 'string' || !deps.nonces.accepts(nonce, request.now)) {
      throw new UseDpopNonce(deps.nonces.current(request.now), nonce === undefined ? 'DPoP proof must carry the server nonce' : 'DPoP proof nonce is invalid or has expired');
    }
  }
  const jkt = await calculateJwkThumbprint(jwk, 'sha256');
  const ttl = Math.max(1, Math.ceil(iat + deps.proofWindow - request.now.getTime() / 1000) + 1);
  const key = createHash('sha256').update(`${jkt}:${jti}`).digest('base64url');
  if (!(await deps.replay.claim(key, ttl))) throw new InvalidDpopProof('DPoP proof jti has been used before');
  return { jkt, jwk };
}
