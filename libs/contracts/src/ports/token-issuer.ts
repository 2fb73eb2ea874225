import { z } from 'zod';

/**
 * The token-issuer port, owned by the token service: the notifier asks it for the tokens of a push
 * (CIBA Core §10.3.1) at delivery time, so tokens are never stored or queued in clear. Each call for the
 * same request revokes the set the previous call issued, so a retried push never leaves two valid sets.
 */
export const pushTokenSet = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().optional(),
  id_token: z.string(),
  scope: z.string().optional(),
});
export type PushTokenSet = z.infer<typeof pushTokenSet>;

export interface TokenIssuerPort {
  /**
   * Issues (or re-issues, revoking the previous set) the tokens of an approved push-mode request; the
   * ID token carries `urn:openid:params:jwt:claim:auth_req_id`, `at_hash` and, with a refresh token,
   * `urn:openid:params:jwt:claim:rt_hash`. Null when the request is not an approved push request.
   */
  issuePushTokens(requestId: string, authReqId: string): Promise<PushTokenSet | null>;
}

export const tokenIssuerRpc = {
  issuePushTokens: { args: z.tuple([z.uuid(), z.string().max(200)]), result: pushTokenSet.nullable() },
} as const;
