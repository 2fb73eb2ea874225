import { AUTH_REQUEST_CREATED_V1, TOPICS, type AuthRequestCreatedV1, type EventOf } from '@ciba/contracts';
import type { EventBus, Subscription } from '@ciba/event-bus';

/** Consumer group of the dispatcher on `ciba.auth-requests`. */
export const PROMPTS_GROUP = 'consent-dispatcher.prompts';

/**
 * Subscribes to `ciba.auth-requests` and routes each event type to its handler.
 */
export function subscribePromptConsumer(bus: EventBus, onCreated: (event: AuthRequestCreatedV1) => Promise<void>): Promise<Subscription> {
  return bus.subscribe({
    group: PROMPTS_GROUP,
    topics: [TOPICS.authRequests],
    handler: async (event: EventOf<typeof TOPICS.authRequests>) => {
      // The topic carries one event type today; a new one fails to compile here until it is handled.
      const type: typeof AUTH_REQUEST_CREATED_V1 = event.type;
      if (type === AUTH_REQUEST_CREATED_V1) await onCreated(event);
    },
  });
}

