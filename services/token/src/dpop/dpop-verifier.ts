import type { DpopConfig } from './dpop-config.ts';
import { createDpopNonces } from './dpop-nonces.ts';
import type { DpopProof, DpopRequest } from './dpop-proof.ts';
import type { DpopReplayCache } from './dpop-replay-cache.ts';
import { verifyDpopProof } from './verify-dpop-proof.ts';

/** DPoP proof checking as the token service's endpoints use it. */
export interface DpopVerifier {
  /** RFC 9449 §4.3; throws `invalid_dpop_proof` or `use_dpop_nonce`. */
  verify(request: DpopRequest): Promise<DpopProof>;
  /** The nonce to send in `DPoP-Nonce` (RFC 9449 §8.2), or undefined when nonces are not required. */
  nonce(now: Date): string | undefined;
}

/** Binds the proof rules to the service's DPoP settings and its replay cache. */
export function createDpopVerifier(config: DpopConfig, replay: DpopReplayCache): DpopVerifier {
  const nonces = createDpopNonces(config.nonceSecret, config.nonceRotation);
  const deps = { nonces, requireNonce: config.requireNonce, proofWindow: config.proofWindow, replay };
  return {
    verify: (request) => verifyDpopProof(deps, request),
    nonce: (now) => (config.requireNonce ? nonces.current(now) : undefined),
  };
}
