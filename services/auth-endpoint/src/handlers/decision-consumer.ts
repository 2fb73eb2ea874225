import { TOPICS, type EventOf } from '@ciba/contracts';
import type { EventBus, Subscription } from '@ciba/event-bus';

/** Consumer group of the auth-endpoint on `ciba.consent-decisions`. */
export const PROMPT_LIMITS_GROUP = 'auth-endpoint.prompt-limits';

/** Subscribes to `ciba.consent-decisions` (granted, denied, expired). */
export function subscribeDecisionConsumer(bus: EventBus, handler: (event: EventOf<typeof TOPICS.consentDecisions>) => Promise<void>): Promise<Subscription> {
  return bus.subscribe({ group: PROMPT_LIMITS_GROUP, topics: [TOPICS.consentDecisions], handler });
}
