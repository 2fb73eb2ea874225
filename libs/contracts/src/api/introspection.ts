import { z } from 'zod';

/**
 * Introspection request (client authentication travels beside it).
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.1
 */
export const introspectionRequest = z.object({
  token: z.string().min(1).max(8192),
  /** A hint only: an unknown value is ignored (RFC 7662 §2.1, RFC 7009 §2.1). */
  token_type_hint: z.string().max(100).optional(),
});
export type IntrospectionRequest = z.infer<typeof introspectionRequest>;

/**
 * Introspection response: `{ active: false }` and nothing else for a token that is not active, or
 * not the caller's.
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
 */
export const introspectionResponse = z.union([
  z.object({ active: z.literal(false) }).strict(),
  z.object({
    active: z.literal(true),
    scope: z.string(),
    client_id: z.string(),
    sub: z.string(),
    exp: z.number().int(),
    iat: z.number().int(),
    iss: z.string(),
    /** `Bearer` or `DPoP` (RFC 9449 §6.2) for access tokens, `refresh_token` for refresh tokens. */
    token_type: z.enum(['Bearer', 'DPoP', 'refresh_token']),
    /** The access token's `jti` (absent for refresh tokens). */
    jti: z.string().optional(),
    aud: z.union([z.string(), z.array(z.string())]).optional(),
    /** The key the token is bound to (RFC 7800 §3.1): `jkt` for DPoP (RFC 9449 §6.2), `x5t#S256` for mTLS (RFC 8705 §3.2). */
    cnf: z.object({ jkt: z.string().optional(), 'x5t#S256': z.string().optional() }).optional(),
  }),
]);
export type IntrospectionResponse = z.infer<typeof introspectionResponse>;

/**
 * Revocation request (client authentication travels beside it).
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export const revocationRequest = introspectionRequest;
export type RevocationRequest = IntrospectionRequest;
