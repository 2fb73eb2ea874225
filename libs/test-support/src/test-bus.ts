import type { EventBus, EventHandler, MessageMeta, OutgoingMessage, SubscribeOptions, Subscription, TopicLag } from '@ciba/event-bus';
import type { TopicName } from '@ciba/contracts';

/**
 * An in-test EventBus: remembers what is published (by the outbox relay) and lets a test hand events
 * to the subscribed handler directly, as the real bus would after validating them.
 */
export class TestBus implements EventBus {
  readonly published: OutgoingMessage[] = [];
  private readonly handlers = new Map<string, EventHandler<TopicName>>();
  private readonly delivered = new Map<string, number>();

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.published.push(...messages);
  }

  async subscribe<T extends TopicName>(options: SubscribeOptions<T>): Promise<Subscription> {
    for (const topic of options.topics) this.handlers.set(`${options.group}/${topic}`, options.handler as unknown as EventHandler<TopicName>);
    return { close: async () => void this.handlers.clear() };
  }

  /** Delivers an event to the group's handler; resolves when the handler acknowledged it. */
  async deliver(group: string, topic: TopicName, event: OutgoingMessage['event']): Promise<void> {
    const handler = this.handlers.get(`${group}/${topic}`);
    if (!handler) throw new Error(`no handler for ${group}/${topic}`);
    const meta: MessageMeta = { topic, key: event.subject, partition: 0, position: '0', attempt: 1 };
    await handler(event, meta);
    this.delivered.set(`${group}/${topic}`, (this.delivered.get(`${group}/${topic}`) ?? 0) + 1);
  }

  /** Published to the topic less what `deliver` handed to the group. */
  async lag(group: string, topics: readonly TopicName[]): Promise<TopicLag[]> {
    return topics.map((topic) => ({ topic, group, lag: this.published.filter((message) => message.topic === topic).length - (this.delivered.get(`${group}/${topic}`) ?? 0) }));
  }

  /** Always answers: the in-test bus is in this process. */
  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
