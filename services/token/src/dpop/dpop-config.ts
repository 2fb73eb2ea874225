import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { dpopEnv } from './dpop-env.ts';

/** The settled DPoP settings of the token service. */
export interface DpopConfig {
  requireNonce: boolean;
  /** The HMAC key of the stateless nonces. */
  nonceSecret: Buffer;
  /** Seconds per nonce bucket. */
  nonceRotation: number;
  /** Seconds either side of the server's clock a proof's `iat` may be. */
  proofWindow: number;
}

/** Applies the defaults: nonces required in production, the nonce key derived from ADMIN_TOKEN when unset. */
export function settleDpopConfig(parsed: z.infer<typeof dpopEnv>, base: { production: boolean; adminToken: string }): DpopConfig {
  const secret = parsed.DPOP_NONCE_SECRET ?? createHmac('sha256', base.adminToken).update('ciba dpop nonce key v1').digest('base64url');
  return {
    requireNonce: parsed.DPOP_REQUIRE_NONCE === undefined ? base.production : parsed.DPOP_REQUIRE_NONCE === 'true',
    nonceSecret: Buffer.from(secret, 'utf8'),
    nonceRotation: parsed.DPOP_NONCE_ROTATION,
    proofWindow: parsed.DPOP_PROOF_WINDOW,
  };
}
