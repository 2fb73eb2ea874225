import type { ConsentDeniedV1 } from '@ciba/contracts';
import type { TokenContext } from '../context.ts';
import { applyConsentDecision } from './apply-consent-decision.ts';

/** `ciba.consent.denied.v1`: polls answer `access_denied` from now on. */
export function onConsentDenied(ctx: TokenContext, event: ConsentDeniedV1): Promise<void> {
  return applyConsentDecision(ctx, event, 'denied');
}
