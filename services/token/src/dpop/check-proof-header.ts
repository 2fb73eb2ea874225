import { decodeProtectedHeader, type JWK, type ProtectedHeaderParameters } from 'jose';
import { InvalidDpopProof } from '@ciba/contracts/oauth-errors';
import { DPOP_ALGS } from './dpop-algs.ts';

/** JWK members that only private (or symmetric) keys have (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The JOSE header rules of a DPoP proof (RFC 9449 §4.3 items 2–6): a compact JWS whose `typ` is
 * `dpop+jwt`, whose `alg` is one we accept (asymmetric: never `none` or an HMAC), and whose `jwk` is
 * a public key. Answers the header; throws `invalid_dpop_proof` naming the rule broken.
 */
export function checkProofHeader(proof: string): ProtectedHeaderParameters & { jwk: JWK } {
  if (proof.length > 8192 || !COMPACT_JWS.test(proof)) throw new InvalidDpopProof('DPoP proof must be a compact JWS');
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw new InvalidDpopProof('DPoP proof header is not valid JSON');
  }
  if (typeof header.typ !== 'string' || header.typ.toLowerCase() !== 'dpop+jwt') throw new InvalidDpopProof('DPoP proof typ must be dpop+jwt');
  if (!(DPOP_ALGS as readonly unknown[]).includes(header.alg)) {
    throw new InvalidDpopProof(`DPoP proof alg must be one of ${DPOP_ALGS.join(', ')}`);
  }
  const jwk = header.jwk as unknown;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new InvalidDpopProof('DPoP proof header must carry the public key as jwk');
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw new InvalidDpopProof('DPoP proof jwk must be a public key');
  return header as ProtectedHeaderParameters & { jwk: JWK };
}
