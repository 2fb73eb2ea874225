import type { Admin } from 'kafkajs';

/** How long a new topic may take to get its partition leaders. */
const LEADER_WAIT_MS = 30_000;

/** The answers of a broker that has not caught up with a topic the controller just created. */
const isMetadataNotReady = (err: unknown) => ['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE'].includes((err as { type?: string }).type ?? '');

/**
 * Creates missing topics with our partition count before first use, once per topic and process,
 * so they never get the broker's auto-create defaults (often a single partition).
 */
export class TopicCreator {
  private readonly ensured = new Map<string, Promise<void>>();
  private connected?: Promise<void>;

  constructor(private readonly admin: Admin, private readonly partitions: number, private readonly replicationFactor: number) {}

  async ensure(topics: readonly string[]): Promise<void> {
    await Promise.all(topics.map((topic) => this.ensureOne(topic)));
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

  private async create(topic: string): Promise<void> {
    this.connected ??= this.admin.connect().catch((err: unknown) => {
      this.connected = undefined;
      throw err;
    });
    await this.connected;
    const existing = await this.admin.listTopics();
    if (existing.includes(topic)) return;
    await this.admin.createTopics({
      waitForLeaders: false,
      topics: [{ topic, numPartitions: this.partitions, replicationFactor: this.replicationFactor }],
    });
    await this.waitForLeaders(topic);
  }

  /**
   * Until every partition of a new topic has a leader. kafkajs' own wait (`waitForLeaders`) gives up
   * on the first "does not host this topic-partition", which a KRaft broker answers while the new
   * topic's metadata is still on its way from the controller.
   */
  private async waitForLeaders(topic: string): Promise<void> {
    const deadline = Date.now() + LEADER_WAIT_MS;
    for (;;) {
      try {
        const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
        const partitions = topics[0]?.partitions ?? [];
        if (partitions.length > 0 && partitions.every((p) => p.leader >= 0)) return;
      } catch (err) {
        if (!isMetadataNotReady(err) || Date.now() > deadline) throw err;
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic}: no leader after ${LEADER_WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
