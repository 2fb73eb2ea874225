import { z } from 'zod';
import { emptyToUndefined } from '@ciba/service-kit';

const flag = z.preprocess(emptyToUndefined, z.enum(['true', 'false'], { error: 'expected true or false' }).optional());
const seconds = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'expected a number of seconds' }).int('expected a whole number of seconds').min(min, `must be at least ${min} seconds`).max(max, `must be at most ${max} seconds`).default(fallback),
  );

/**
 * The DPoP (RFC 9449) variables of the token service, merged into its environment schema.
 * @see https://www.rfc-editor.org/rfc/rfc9449
 */
export const dpopEnv = z.object({
  /**
   * Whether every DPoP proof (token endpoint and UserInfo) must carry a server nonce (RFC 9449 §8,
   * §9): a proof without a current one answers `use_dpop_nonce` with a fresh nonce in `DPoP-Nonce`.
   * Nonces stop proofs made ahead of time by someone who held the client's key for a moment, at the
   * cost of one extra round trip per client every `DPOP_NONCE_ROTATION` seconds.
   * @defaultValue true when NODE_ENV=production, false otherwise
   */
  DPOP_REQUIRE_NONCE: flag,
  /**
   * Key of the stateless DPoP nonces (an HMAC of the time bucket), at least 32 characters; every
   * replica must share it. Unset: derived from ADMIN_TOKEN (which every replica shares already).
   * @defaultValue derived from ADMIN_TOKEN
   */
  DPOP_NONCE_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  /**
   * Seconds a DPoP nonce bucket lasts; a nonce is accepted in its bucket and the next one, so it
   * lives between one and two rotations. @defaultValue 300
   */
  DPOP_NONCE_ROTATION: seconds(300, 10, 3600),
  /**
   * How far a DPoP proof's `iat` may be from the server's clock, seconds, either way (RFC 9449
   * §11.1). Proof `jti`s are remembered in Redis until their `iat` leaves this window. @defaultValue 60
   */
  DPOP_PROOF_WINDOW: seconds(60, 5, 600),
});
