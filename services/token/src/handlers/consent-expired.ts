import type { ConsentExpiredV1 } from '@ciba/contracts';
import type { TokenContext } from '../context.ts';
import { applyConsentDecision } from './apply-consent-decision.ts';

/**
 * `ciba.consent.expired.v1`: a still pending grant is marked expired. Polls already answer
 * `expired_token` from `expires_at` alone; this keeps the projection's status truthful.
 */
export function onConsentExpired(ctx: TokenContext, event: ConsentExpiredV1): Promise<void> {
  return applyConsentDecision(ctx, event, 'expired');
}
