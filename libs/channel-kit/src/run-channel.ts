import { TOPICS, channelOffersTopic, type ChannelOffersTopic } from '@ciba/contracts';
import type { EventBus, EventBusLogger, Subscription } from '@ciba/event-bus';
import { deliveryMetrics } from '@ciba/metrics';
import type { ChannelDeliverer, ChannelResult } from './channel-deliverer.ts';
import type { ChannelKey } from './channel-key.ts';
import { openDelivery } from './open-delivery.ts';
import { outcomeEvent } from './outcome-event.ts';

export interface RunChannelOptions {
  bus: EventBus;
  deliverer: ChannelDeliverer;
  /** This channel's key (`deriveChannelKey(master, channel)` or `CHANNEL_KEY`). */
  key: ChannelKey;
  logger: EventBusLogger;
  /** Consumer group. @defaultValue `channel.<channel>` */
  group?: string;
  /** `source` of the outcome events. @defaultValue `/channels/<channel>` */
  source?: string;
  now?: () => number;
}

/**
 * Runs one channel: consumes `ciba.channel-offers.<channel>` in group `channel.<channel>` (replicas of
 * the channel share the partitions), opens each offer with the channel's key, delivers it before its
 * deadline, and answers on `ciba.channel-outcomes` with `delivered` or `failed` and a reason. An offer
 * whose deadline passed is answered `deadline_passed` without delivering; one that does not open,
 * `unreadable`. The offer is acknowledged once its outcome is published, so a crash redelivers it (the
 * device may then see the same prompt_id twice). Logs carry identifiers only. Each answered offer counts in
 * `ciba_channel_deliveries_total{channel,result}`; the group's lag is reported if `bus` comes from `createEventBus`.
 */
export async function runChannel(options: RunChannelOptions): Promise<Subscription> {
  const { bus, deliverer, key, logger } = options;
  const channel = deliverer.channel;
  const source = options.source ?? `/channels/${channel}`;
  const now = options.now ?? Date.now;
  const stopping = new AbortController();
  const topic: ChannelOffersTopic = channelOffersTopic(channel);
  const subscription = await bus.subscribe({
    group: options.group ?? `channel.${channel}`,
    topics: [topic],
    handler: async (offer) => {
      const started = performance.now();
      const remaining = Date.parse(offer.data.deadline_at) - now();
      let result: ChannelResult;
      if (remaining <= 0) {
        result = { delivered: false, reason: 'deadline_passed' };
      } else {
        const delivery = await openDelivery(offer.data.sealed, key, offer.data.offer_id);
        result = delivery
          ? await deliverer.deliver(delivery, AbortSignal.any([AbortSignal.timeout(remaining), stopping.signal]))
          : { delivered: false, reason: 'unreadable' };
      }
      const latencyMs = Math.round(performance.now() - started);
      await bus.publish([{ topic: TOPICS.channelOutcomes, key: offer.subject, event: outcomeEvent(offer, result, source, latencyMs) }]);
      deliveryMetrics.channels.inc({ channel, result: result.delivered ? 'delivered' : result.reason });
      const { offer_id, request_id, channel_index, round } = offer.data;
      const outcome = result.delivered ? { delivered: true } : { delivered: false, reason: result.reason };
      logger.info({ channel, offer_id, request_id, channel_index, round, ...outcome, status_code: result.statusCode, latency_ms: latencyMs }, 'channel offer handled');
    },
  });
  return {
    async close() {
      stopping.abort();
      await subscription.close();
    },
  };
}
