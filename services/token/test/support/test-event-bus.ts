import type { EventBus, OutgoingMessage } from '@ciba/event-bus';

/** An in-test EventBus that records what is published; the directory routes publish nothing. */
export function testEventBus(): EventBus & { published: OutgoingMessage[] } {
  const published: OutgoingMessage[] = [];
  return {
    published,
    async publish(messages) {
      published.push(...messages);
    },
    async subscribe() {
      return { close: async () => undefined };
    },
    async ping() {},
    lag: async (group, topics) => topics.map((topic) => ({ topic, group, lag: 0 })),
    async close() {},
  };
}
