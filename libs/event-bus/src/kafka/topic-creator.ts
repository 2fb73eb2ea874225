import type { KafkaAdminPort } from './kafka-client.ts';

/** How long a created topic may take to show up, with a leader per partition, in the metadata. */
const VISIBLE_WITHIN_MS = 30_000;
const LOOK_EVERY_MS = 100;

/**
 * Creates missing topics with our partition count and replication before first use, once per topic
 * and process, so they never get the broker's auto-create defaults (often a single partition). It
 * returns once the topic is in the metadata with a leader for every partition: a KRaft broker
 * answers CreateTopics before its metadata shows the topic, and a consumer or producer asking in
 * between would get UNKNOWN_TOPIC_OR_PARTITION. Another process creating it at the same time is fine.
 */
export class TopicCreator {
  private readonly ensured = new Map<string, Promise<void>>();
  private connected?: Promise<void>;

  constructor(private readonly admin: KafkaAdminPort, private readonly partitions: number, private readonly replicationFactor: number) {}

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
    if (!(await this.admin.listTopics()).includes(topic)) {
      await this.admin.createTopic(topic, this.partitions, this.replicationFactor); // fine if someone else just did
    }
    await this.untilLed(topic);
  }

  /** Waits until the metadata lists `topic` and every partition of it has a leader. */
  private async untilLed(topic: string): Promise<void> {
    const deadline = Date.now() + VISIBLE_WITHIN_MS;
    for (;;) {
      // listTopics first: asking for one unknown topic's metadata makes kafkajs log an error
      if ((await this.admin.listTopics()).includes(topic)) {
        const leaders = await this.admin.partitionLeaders(topic);
        if (leaders.length > 0 && leaders.every((leader) => leader >= 0)) return;
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic} has no leader for every partition ${VISIBLE_WITHIN_MS} ms after it was created`);
      await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
    }
  }
}
