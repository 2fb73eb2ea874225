/**
 * The JWS algorithms of DPoP proofs this server verifies (RFC 9449 §5.1
 * `dpop_signing_alg_values_supported`): asymmetric only, never `none` or an HMAC.
 */
export const DPOP_ALGS = ['ES256', 'PS256', 'RS256', 'EdDSA'] as const;
