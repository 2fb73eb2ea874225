import type { ConsentGrantedV1 } from '@ciba/contracts';
import type { TokenContext } from '../context.ts';
import { applyConsentDecision } from './apply-consent-decision.ts';

/** `ciba.consent.granted.v1`: the grant becomes redeemable. */
export function onConsentGranted(ctx: TokenContext, event: ConsentGrantedV1): Promise<void> {
  return applyConsentDecision(ctx, event, 'approved');
}
