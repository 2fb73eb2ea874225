import type { EventBus, OutgoingMessage } from '@ciba/event-bus';

/** A minimal in-test EventBus: remembers what was published; this service consumes nothing. */
export interface RecordingBus extends EventBus {
  published: OutgoingMessage[];
}

export function recordingBus(): RecordingBus {
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
    async close() {},
  };
}
