import { watchConsumerLag } from '@ciba/metrics';
import type { EventBus } from './event-bus.ts';

/**
 * `bus`, reporting the lag of every group it consumes for at each scrape (`ciba_consumer_lag`, read
 * with `bus.lag(group, topics)` from the broker, never by joining the group) until the subscription closes.
 */
export function observedBus(bus: EventBus): EventBus {
  return {
    publish: (messages) => bus.publish(messages),
    ping: () => bus.ping(),
    lag: (group, topics) => bus.lag(group, topics),
    close: () => bus.close(),
    async subscribe(options) {
      const subscription = await bus.subscribe(options);
      const unwatch = watchConsumerLag(options.group, options.topics, () => bus.lag(options.group, options.topics));
      return {
        async close() {
          unwatch();
          await subscription.close();
        },
      };
    },
  };
}
