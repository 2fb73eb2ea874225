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
  /**
   * Revokes the set the last `issuePushTokens` issued for the request (the push was finally refused or
   * never answered, so the client cannot be relied on to hold it). Idempotent; false when none was issued.
   */
  revokePushTokens(requestId: string): Promise<boolean>;
  /**
   * Whether the token endpoint already answers the request's outcome (tokens, `access_denied`,
   * `expired_token`) rather than `authorization_pending`: the token service learns decisions from
   * events, so a ping waits for this before telling the client to come (CIBA Core §10.2).
   */
  isDecisionSettled(requestId: string): Promise<boolean>;
}

export const tokenIssuerRpc = {
  issuePushTokens: { args: z.tuple([z.uuid(), z.string().max(200)]), result: pushTokenSet.nullable() },
  revokePushTokens: { args: z.tuple([z.uuid()]), result: z.boolean() },
  isDecisionSettled: { args: z.tuple([z.uuid()]), result: z.boolean() },
} as const;
