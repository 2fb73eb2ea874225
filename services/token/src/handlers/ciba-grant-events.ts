import {
  AUTH_REQUEST_CREATED_V1,
  CONSENT_DENIED_V1,
  CONSENT_EXPIRED_V1,
  CONSENT_GRANTED_V1,
  TOPICS,
  type EventOf,
} from '@ciba/contracts';
import type { TokenContext } from '../context.ts';
import { onAuthRequestCreated } from './auth-request-created.ts';
import { onConsentDenied } from './consent-denied.ts';
import { onConsentExpired } from './consent-expired.ts';
import { onConsentGranted } from './consent-granted.ts';

/** The topics the CIBA grant projection follows. */
export const CIBA_GRANT_TOPICS = [TOPICS.authRequests, TOPICS.consentDecisions] as const;
export type CibaGrantEvent = EventOf<(typeof CIBA_GRANT_TOPICS)[number]>;

/** Routes each event of the projection's topics to its handler (exhaustive over the topics' unions). */
export function handleCibaGrantEvent(ctx: TokenContext, event: CibaGrantEvent): Promise<void> {
  switch (event.type) {
    case AUTH_REQUEST_CREATED_V1:
      return onAuthRequestCreated(ctx, event);
    case CONSENT_GRANTED_V1:
      return onConsentGranted(ctx, event);
    case CONSENT_DENIED_V1:
      return onConsentDenied(ctx, event);
    case CONSENT_EXPIRED_V1:
      return onConsentExpired(ctx, event);
    default: {
      const unknown: never = event;
      throw new Error(`unhandled event type ${(unknown as { type: string }).type}`);
    }
  }
}
