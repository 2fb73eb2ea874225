import { z } from 'zod';
import { CIBA_GRANT_TYPE, REFRESH_TOKEN_GRANT_TYPE } from './common.ts';

/**
 * Token request of the CIBA grant (poll and ping modes).
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.10.1
 */
export const cibaTokenRequest = z.object({
  grant_type: z.literal(CIBA_GRANT_TYPE),
  /** The id the backchannel authentication endpoint answered. */
  auth_req_id: z.string().min(1).max(2048),
});
export type CibaTokenRequest = z.infer<typeof cibaTokenRequest>;

/**
 * Refresh token request.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export const refreshTokenRequest = z.object({
  grant_type: z.literal(REFRESH_TOKEN_GRANT_TYPE),
  refresh_token: z.string().min(1).max(2048),
  /** May only narrow the scope originally granted. */
  scope: z.string().min(1).max(2000).optional(),
});
export type RefreshTokenRequest = z.infer<typeof refreshTokenRequest>;

/**
 * Successful token response (CIBA Core §11, OIDC Core §3.1.3.3, RFC 6749 §5.1).
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.11
 */
export const tokenResponse = z.object({
  access_token: z.string(),
  /** `DPoP` when the access token is bound to the key of the request's DPoP proof (RFC 9449 §5). */
  token_type: z.enum(['Bearer', 'DPoP']),
  /** Lifetime of the access token in seconds. */
  expires_in: z.number().int().positive(),
  refresh_token: z.string().optional(),
  id_token: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;
