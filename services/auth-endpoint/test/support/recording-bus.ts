import type { TopicName } from '@ciba/contracts';
import type { EventBus, EventHandler, OutgoingMessage } from '@ciba/event-bus';

/** A minimal in-test EventBus: remembers what was published, and hands a test's events to a subscribed group. */
export interface RecordingBus extends EventBus {
  published: OutgoingMessage[];
  /** Delivers `event` to `group`'s handler of `topic`, as the real bus would once it validated it. */
  deliver(group: string, topic: TopicName, event: OutgoingMessage['event']): Promise<void>;
}

export function recordingBus(): RecordingBus {
  const published: OutgoingMessage[] = [];
  const handlers = new Map<string, EventHandler<TopicName>>();
  return {
    published,
    async publish(messages) {
      published.push(...messages);
    },
    async subscribe(options) {
      for (const topic of options.topics) handlers.set(`${options.group}/${topic}`, options.handler as unknown as EventHandler<TopicName>);
      return { close: async () => void handlers.clear() };
    },
    async deliver(group, topic, event) {
      const handler = handlers.get(`${group}/${topic}`);
      if (!handler) throw new Error(`no handler for ${group}/${topic}`);
      await handler(event, { topic, key: event.subject, partition: 0, position: '0', attempt: 1 });
    },
    async close() {
      handlers.clear();
    },
    async ping() {},
  };
}
