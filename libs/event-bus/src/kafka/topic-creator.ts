import type { Admin } from 'kafkajs';

/**
 * The bus' admin client. Creates missing topics with our partition count before first use, once per topic and process,
 * so they never get the broker's auto-create defaults (often a single partition).
 */
export class TopicCreator {
  private readonly ensured = new Map<string, Promise<void>>();
  private connected?: Promise<void>;

  constructor(private readonly admin: Admin, private readonly partitions: number, private readonly replicationFactor: number) {}

  async ensure(topics: readonly string[]): Promise<void> {
    await Promise.all(topics.map((topic) => this.ensureOne(topic)));
  }

  /** The cluster's brokers and controller, on the admin connection (for the bus' `ping`). */
  async describeCluster(): Promise<void> {
    await this.connect();
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }

  private ensureOne(topic: string): Promise<void> {
    let done = this.ensured.get(topic);
    if (!done) {
      done = this.create(topic).catch((err: unknown) => {
        this.ensured.delete(topic);
        throw err;
      });
      this.ensured.set(topic, done);
    }
    return done;
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((err: unknown) => {
      this.connected = undefined;
      throw err;
    });
    return this.connected;
  }

  private async create(topic: string): Promise<void> {
    await this.connect();
    const existing = await this.admin.listTopics();
    if (existing.includes(topic)) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: this.partitions, replicationFactor: this.replicationFactor }],
    });
  }
}
