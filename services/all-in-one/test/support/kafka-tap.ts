import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from '@ciba/test-support';

/** One message as it sits on the broker. */
export interface TappedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  /** The parsed envelope (`{}` when the value is not JSON). */
  event: Record<string, any>;
}

export interface KafkaTap {
  /** Every message read so far, from the oldest retained offset. */
  messages: TappedMessage[];
  close(): Promise<void>;
}

/**
 * Reads `topics` from the beginning in a consumer group of its own (`groupId`), as an operator would, and keeps
 * every message: what the system under test actually put on the broker (keys, partitions, bodies).
 * Waits for topics the system creates on first publish to exist.
 */
export async function tapKafka(brokers: string[], topics: string[], groupId: string): Promise<KafkaTap> {
  const kafka = new Kafka({ clientId: 'e2e-tap', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(async () => {
      const existing = await admin.listTopics();
      return topics.every((topic) => existing.includes(topic));
    }, 20_000, `topics ${topics.join(', ')}`);
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  const messages: TappedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        let event: Record<string, any> = {};
        try {
          event = JSON.parse(message.value?.toString('utf8') ?? '');
        } catch {
          // not JSON (a poisoned message): kept with an empty body
        }
        messages.push({ topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? '', event });
      },
    });
  } catch (err) {
    await consumer.disconnect();
    throw err;
  }
  return { messages, close: () => consumer.disconnect() };
}

/** Writes raw values (no validation) straight to the given partitions of `topic`. */
export async function produceRaw(brokers: string[], topic: string, messages: Array<{ partition: number; key: string; value: string }>): Promise<void> {
  const producer = new Kafka({ clientId: 'e2e-raw', brokers, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}
