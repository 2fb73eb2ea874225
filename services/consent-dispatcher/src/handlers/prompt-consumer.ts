import { AUTH_REQUEST_CREATED_V1, AUTH_REQUEST_EXPIRED_V1, TOPICS, type AuthRequestCreatedV1, type EventOf } from '@ciba/contracts';
import type { EventBus, Subscription } from '@ciba/event-bus';

/** Consumer group of the dispatcher on `ciba.auth-requests`. */
export const PROMPTS_GROUP = 'consent-dispatcher.prompts';

/**
 * Subscribes to `ciba.auth-requests` and routes each event type to its handler. Expiry needs no
 * handler: it is a function of `expires_at`, which every prompt carries.
 */
export function subscribePromptConsumer(bus: EventBus, onCreated: (event: AuthRequestCreatedV1) => Promise<void>): Promise<Subscription> {
  return bus.subscribe({
    group: PROMPTS_GROUP,
    topics: [TOPICS.authRequests],
    handler: async (event: EventOf<typeof TOPICS.authRequests>) => {
      switch (event.type) {
        case AUTH_REQUEST_CREATED_V1:
          return onCreated(event);
        case AUTH_REQUEST_EXPIRED_V1:
          return;
        default:
          return assertNever(event);
      }
    },
  });
}

function assertNever(event: never): never {
  throw new Error(`unhandled event type ${(event as { type: string }).type}`);
}
