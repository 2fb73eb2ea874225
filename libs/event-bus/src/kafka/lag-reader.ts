import type { TopicName } from '@ciba/contracts';
import type { TopicLag } from '../event-bus.ts';
import type { KafkaAdminPort } from './kafka-client.ts';

/**
 * Consumer lag from the brokers' offsets, on an admin connection of its own (opened on first use):
 * per partition, the high watermark less the group's committed offset, or less the earliest
 * retained offset where the group has committed nothing (a new group starts there).
 */
export class LagReader {
  private connected?: Promise<void>;

  constructor(private readonly admin: KafkaAdminPort, private readonly topicPrefix: string) {}

  async lag(group: string, topics: readonly TopicName[]): Promise<TopicLag[]> {
    await this.connect();
    return Promise.all(
      topics.map(async (topic) => {
        const partitions = await this.admin.groupOffsets(`${this.topicPrefix}${group}`, `${this.topicPrefix}${topic}`);
        const lag = partitions.reduce((sum, { low, high, committed }) => sum + Math.max(0, high - (committed >= 0 ? committed : low)), 0);
        return { topic, group, lag };
      }),
    );
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((err: unknown) => {
      this.connected = undefined;
      throw err;
    });
    return this.connected;
  }
}
