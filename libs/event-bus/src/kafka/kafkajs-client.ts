import { Kafka, Partitioners, logLevel, type IHeaders, type logCreator } from 'kafkajs';
import type { EventBusLogger } from '../event-bus-logger.ts';
import { decodeHeaders } from '../tracing/decode-headers.ts';
import type { KafkaAdminPort, KafkaClient, KafkaClientOptions, KafkaConsumerOptions, KafkaConsumerPort, KafkaProducerPort } from './kafka-client.ts';

/**
 * `KafkaClient` on kafkajs, the only file that imports it. kafkajs is unmaintained (see the
 * README's "Kafka client" section): a replacement implements the same port here.
 */
export function kafkajsClient(options: KafkaClientOptions): KafkaClient {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
    ...(options.sasl !== undefined ? { sasl: options.sasl } : {}),
    logLevel: logLevel.WARN,
    logCreator: logTo(options.logger),
  });
  return {
    producer: () => producer(kafka),
    consumer: (consumerOptions) => consumer(kafka, consumerOptions),
    admin: () => admin(kafka),
  };
}

function producer(kafka: Kafka): KafkaProducerPort {
  const client = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner, // murmur2 on the key, as the Java client
  });
  return {
    connect: () => client.connect(),
    send: async (batches) =>
      void (await client.sendBatch({
        acks: -1,
        topicMessages: batches.map(({ topic, messages }) => ({ topic, messages: messages.map(({ key, value, headers }) => ({ key, value, ...(headers ? { headers: { ...headers } } : {}) })) })),
      })),
    disconnect: () => client.disconnect(),
  };
}

function consumer(kafka: Kafka, { groupId, sessionTimeout, heartbeatInterval, rebalanceTimeout }: KafkaConsumerOptions): KafkaConsumerPort {
  const client = kafka.consumer({
    groupId,
    sessionTimeout,
    heartbeatInterval,
    rebalanceTimeout,
    // The Java client's fetch.max.wait.ms: kafkajs' 5 s would hold every disconnect (it waits for the fetch in flight) that long.
    maxWaitTimeInMs: 500,
    allowAutoTopicCreation: false,
  });
  return {
    connect: () => client.connect(),
    async run(topics, concurrency, handle, startAt) {
      await client.subscribe({ topics, fromBeginning: true });
      await client.run({
        autoCommit: false,
        partitionsConsumedConcurrently: concurrency,
        eachMessage: ({ topic, partition, message, heartbeat, pause }) =>
          handle({ topic, partition, offset: message.offset, key: message.key, value: message.value, ...headersOf(message.headers), heartbeat, pause: () => void pause() }),
      });
      // Without auto-commit a seek only moves the fetch position; kafkajs applies it on the partition's first fetch.
      for (const { topic, partition, offset } of startAt ?? []) client.seek({ topic, partition, offset });
    },
    async runBatches(topics, concurrency, handle) {
      await client.subscribe({ topics, fromBeginning: true });
      await client.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: concurrency,
        eachBatch: async ({ batch, resolveOffset, heartbeat, pause, isStale }) => {
          const done = await handle({
            topic: batch.topic,
            partition: batch.partition,
            messages: batch.messages.map((message) => ({ offset: message.offset, key: message.key, value: message.value, ...headersOf(message.headers) })),
            heartbeat,
            pause: () => void pause(),
            isStale,
          });
          if (done !== null) resolveOffset(done);
        },
      });
    },
    commit: (topic, partition, offset) => client.commitOffsets([{ topic, partition, offset }]),
    onCrash: (listener) => void client.on(client.events.CRASH, ({ payload }) => listener(payload.error, payload.restart)),
    disconnect: () => client.disconnect(),
  };
}

/** A record's headers as strings (a repeated header keeps its first value). */
function headersOf(raw: IHeaders | undefined): { headers?: Record<string, string> } {
  if (!raw) return {};
  const first = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
  const headers = decodeHeaders(first);
  return headers ? { headers } : {};
}

function admin(kafka: Kafka): KafkaAdminPort {
  const client = kafka.admin();
  return {
    connect: () => client.connect(),
    listTopics: () => client.listTopics(),
    // resolves false when the topic exists already
    createTopic: async (topic, numPartitions, replicationFactor) => void (await client.createTopics({ waitForLeaders: false, topics: [{ topic, numPartitions, replicationFactor }] })),
    async partitionLeaders(topic) {
      const [metadata] = (await client.fetchTopicMetadata({ topics: [topic] }).catch(() => ({ topics: [] }))).topics;
      return metadata?.partitions.map((partition) => partition.leader) ?? [];
    },
    async groupOffsets(groupId, topic) {
      if (!(await client.listTopics()).includes(topic)) return [];
      const [ends, committed] = await Promise.all([client.fetchTopicOffsets(topic), retriedWhileRetriable(() => client.fetchOffsets({ groupId, topics: [topic] }))]);
      const committedOf = new Map((committed[0]?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]));
      return ends.map(({ partition, low, high }) => ({ partition, low: Number(low), high: Number(high), committed: committedOf.get(partition) ?? -1 }));
    },
    async topicOffsets(topic) {
      if (!(await client.listTopics()).includes(topic)) return [];
      // A topic just created may answer NOT_LEADER_FOR_PARTITION until this client's metadata is refreshed
      return (await retriedWhileRetriable(() => client.fetchTopicOffsets(topic), () => client.fetchTopicMetadata({ topics: [topic] }))).map(({ partition, low, high }) => ({ partition, low: Number(low), high: Number(high) }));
    },
    // kafkajs answers the high watermark where no message is at or after the time
    offsetsAt: async (topic, timestampMs) => (await retriedWhileRetriable(() => client.fetchTopicOffsetsByTimestamp(topic, timestampMs), () => client.fetchTopicMetadata({ topics: [topic] }))).map(({ partition, offset }) => ({ topic, partition, offset })),
    deleteGroup: async (groupId) => void (await retriedWhileRetriable(() => client.deleteGroups([groupId]))),
    describeCluster: async () => void (await client.describeCluster()),
    disconnect: () => client.disconnect(),
  };
}

/**
 * `request` again while it fails with an error Kafka calls retriable, for up to 5 s: a broker whose
 * group coordinator is still loading `__consumer_offsets` (the first group query on a new cluster)
 * answers COORDINATOR_LOAD_IN_PROGRESS or NOT_COORDINATOR, which kafkajs' admin does not retry.
 */
async function retriedWhileRetriable<T>(request: () => Promise<T>, beforeRetry?: () => Promise<unknown>): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await request();
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
      await beforeRetry?.().catch(() => {});
    }
  }
}

/**
 * kafkajs' own log lines (broker, group and retry events; no message payloads) to our logger. An
 * error answer to one request, or a failure kafkajs is about to retry (a new topic's leader not
 * ready yet), is a warning: what finally fails reaches the caller as a rejected promise.
 */
function logTo(logger: EventBusLogger): logCreator {
  return () => ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = log as { message: string; [field: string]: unknown };
    const entry = { kafkajs: namespace, ...fields };
    const retried = 'retryCount' in fields || (namespace === 'Connection' && message.startsWith('Response '));
    if (level <= logLevel.ERROR && !retried) logger.error(entry, message);
    else if (level <= logLevel.ERROR) logger.warn(entry, message);
    else if (level === logLevel.WARN) logger.warn(entry, message);
    else if (level === logLevel.INFO) logger.info(entry, message);
    else logger.debug(entry, message);
  };
}
