import { CONSENT_DENIED_V1, CONSENT_EXPIRED_V1, CONSENT_GRANTED_V1, type EventOf, type TOPICS } from '@ciba/contracts';
import type { NotificationOutcome } from './client-notification.ts';

type DecisionEvent = EventOf<typeof TOPICS.consentDecisions>;

/** The outcome a consent-decisions event tells the client, and when it happened. */
export function outcomeOfDecision(event: DecisionEvent): { outcome: NotificationOutcome; at: Date } {
  switch (event.type) {
    case CONSENT_GRANTED_V1:
      return { outcome: 'approved', at: new Date(event.data.decided_at) };
    case CONSENT_DENIED_V1:
      return { outcome: 'denied', at: new Date(event.data.decided_at) };
    case CONSENT_EXPIRED_V1:
      return { outcome: 'expired', at: new Date(event.data.expired_at) };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled consent decision ${(unhandled as { type: string }).type}`);
    }
  }
}
