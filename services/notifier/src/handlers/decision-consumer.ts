import { TOPICS, type EventOf } from '@ciba/contracts';
import type { EventBus, Subscription } from '@ciba/event-bus';

/** Consumer group of the notifier on `ciba.consent-decisions`. */
export const NOTIFICATIONS_GROUP = 'notifier.client-notifications';

/**
 * Handler failures (auth-endpoint unreachable, database down) tolerated before the bus dead-letters
 * the event: with the bus' backoff (capped at 5 s) this rides out about a minute and a half.
 */
const MAX_ATTEMPTS = 20;

/** Subscribes to `ciba.consent-decisions` (granted, denied, expired). */
export function subscribeDecisionConsumer(bus: EventBus, handler: (event: EventOf<typeof TOPICS.consentDecisions>) => Promise<void>): Promise<Subscription> {
  return bus.subscribe({ group: NOTIFICATIONS_GROUP, topics: [TOPICS.consentDecisions], handler, maxAttempts: MAX_ATTEMPTS });
}
