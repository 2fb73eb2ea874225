import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TOPICS, channelOffersTopic, type ChannelOfferRequestedV1, type EventOf } from '@ciba/contracts';
import { KafkaBus, RedisStreamsBus, type EventBus, type EventBusLogger } from '@ciba/event-bus';
import { kafkaAvailable, kafkaBrokers, waitFor } from '@ciba/test-support';
import type { ChannelDeliverer } from '../../src/channel-deliverer.ts';
import type { ChannelKey } from '../../src/channel-key.ts';
import { runChannel } from '../../src/run-channel.ts';

export type ChannelOutcome = EventOf<typeof TOPICS.channelOutcomes>;

/** A real bus for a channel's integration test, in its own namespace / topic prefix; `dispose` cleans up. */
export interface BusLeg {
  name: string;
  create(): { bus: EventBus; dispose(): Promise<void> };
}

const silent: EventBusLogger = { debug() {}, info() {}, warn() {}, error() {} };
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Redis Streams always; Kafka when a broker is there (`kafkaAvailable`: under CI a missing one fails). */
export function busLegs(suite: string): BusLeg[] {
  const legs: BusLeg[] = [
    {
      name: 'Redis Streams',
      create() {
        const namespace = `channel-test-${randomBytes(6).toString('hex')}`;
        const bus = new RedisStreamsBus({ redisUrl: REDIS_URL, namespace, clientId: namespace, logger: silent, blockMs: 100 });
        return {
          bus,
          async dispose() {
            await bus.close();
            const admin = new Redis(REDIS_URL);
            const keys = await admin.keys(`${namespace}:*`);
            if (keys.length > 0) await admin.del(...keys);
            await admin.quit();
          },
        };
      },
    },
  ];
  if (kafkaAvailable(suite)) {
    legs.push({
      name: 'Kafka',
      create() {
        const topicPrefix = `channel-test-${randomBytes(6).toString('hex')}.`;
        const bus = new KafkaBus({ brokers: kafkaBrokers(), clientId: 'channel-test', logger: silent, topicPrefix, partitions: 1, sessionTimeout: 6000, heartbeatInterval: 500 });
        return { bus, dispose: () => bus.close() };
      },
    });
  }
  return legs;
}

/**
 * Runs `deliverer` as its channel on `bus` (runChannel, group `channel.<channel>`), publishes the
 * sealed `offer` on `ciba.channel-offers.<channel>` and resolves with the outcome event the channel
 * answered on `ciba.channel-outcomes`.
 */
export async function offerOverBus(bus: EventBus, deliverer: ChannelDeliverer, key: ChannelKey, offer: ChannelOfferRequestedV1): Promise<ChannelOutcome> {
  const outcomes: ChannelOutcome[] = [];
  const channel = await runChannel({ bus, deliverer, key, logger: silent });
  const watcher = await bus.subscribe({
    group: `test.outcomes-${randomBytes(4).toString('hex')}`,
    topics: [TOPICS.channelOutcomes],
    handler: async (event) => void outcomes.push(event),
  });
  try {
    await bus.publish([{ topic: channelOffersTopic(deliverer.channel), key: offer.subject, event: offer }]);
    return await waitFor(() => outcomes.find((o) => o.data.offer_id === offer.data.offer_id), 60_000, 'the channel outcome');
  } finally {
    await watcher.close();
    await channel.close();
  }
}
