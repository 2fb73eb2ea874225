import type { TokenIssuerPort } from '@ciba/contracts';
import type { TokenContext } from '../context.ts';
import { isDecisionSettled } from './is-decision-settled.ts';
import { issuePushTokens } from './issue-push-tokens.ts';
import { revokePushTokens } from './revoke-push-tokens.ts';

/** The `TokenIssuerPort` this service owns: the notifier asks it for push tokens at delivery time. */
export function createTokenIssuer(ctx: TokenContext): TokenIssuerPort {
  return {
    issuePushTokens: (requestId, authReqId) => issuePushTokens(ctx, requestId, authReqId),
    revokePushTokens: (requestId) => revokePushTokens(ctx, requestId),
    isDecisionSettled: (requestId) => isDecisionSettled(ctx, requestId),
  };
}
