import { CHANNEL_OFFER_DELIVERED_V1, CHANNEL_OFFER_FAILED_V1, TOPICS, type ChannelOfferDeliveredV1, type ChannelOfferFailedV1, type EventOf } from '@ciba/contracts';
import type { EventBus, Subscription } from '@ciba/event-bus';

/** Consumer group of the dispatcher on `ciba.channel-outcomes`. */
export const OUTCOMES_GROUP = 'consent-dispatcher.outcomes';

/**
 * Subscribes to `ciba.channel-outcomes` and hands channels' answers to `onOutcome`; the dispatcher's
 * own `timed_out` events on the topic are skipped.
 */
export function subscribeOutcomeConsumer(bus: EventBus, onOutcome: (event: ChannelOfferDeliveredV1 | ChannelOfferFailedV1) => Promise<void>): Promise<Subscription> {
  return bus.subscribe({
    group: OUTCOMES_GROUP,
    topics: [TOPICS.channelOutcomes],
    handler: async (event: EventOf<typeof TOPICS.channelOutcomes>) => {
      if (event.type === CHANNEL_OFFER_DELIVERED_V1 || event.type === CHANNEL_OFFER_FAILED_V1) await onOutcome(event);
    },
  });
}
