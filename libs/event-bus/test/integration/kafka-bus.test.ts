import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { StartedTestContainer } from 'testcontainers';
import type { EventBus } from '../../src/event-bus.ts';
import { KafkaBus } from '../../src/kafka/kafka-bus.ts';
import { eventBusContract, type BusHarness, type BusScope } from '../contract/event-bus-contract.ts';
import { kafkaAvailable, kafkaBrokers } from '@ciba/test-support';
import { dockerEngineAnswers } from '../support/docker-engine-answers.ts';
import { testLogger } from '../support/test-logger.ts';

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.5.0';

/**
 * Where the contract runs: the local broker jest's global setup found or started (or KAFKA_BROKERS),
 * else a throwaway broker under testcontainers when a Docker engine answers. With neither (no Java
 * and Maven, no Docker) the suite prints one skipped line, except under CI, where it fails.
 */
function brokerSource(): 'env' | 'docker' | null {
  if (kafkaBrokers().length > 0) return 'env';
  if (dockerEngineAnswers()) return 'docker';
  return kafkaAvailable('KafkaBus contract') ? 'env' : null;
}

const source = brokerSource();
const describeWithBroker = source ? describe : describe.skip;

let container: StartedTestContainer | undefined;
let brokers: string[] = [];
let rawProducer: Producer;

const SESSION_TIMEOUT_MS = 6000;

async function newScope(): Promise<BusScope> {
  const topicPrefix = `bus-test-${randomBytes(6).toString('hex')}.`;
  return {
    createBus: async (clientId) =>
      new KafkaBus({
        brokers,
        clientId,
        logger: testLogger,
        topicPrefix,
        sessionTimeout: SESSION_TIMEOUT_MS,
        heartbeatInterval: 500,
        rebalanceTimeout: 10_000,
        retry: { initialMs: 10, maxMs: 50 },
      }),
    publishRaw: async (topic, key, value) => {
      await rawProducer.send({ topic: `${topicPrefix}${topic}`, acks: -1, messages: [{ key, value }] });
    },
    crash: async (bus: EventBus) => (bus as KafkaBus).abort(),
    close: async () => {},
  };
}

const harness: BusHarness = { newScope, countsRedeliveries: false, settleMs: 5000, timeoutMs: 30_000 };

describeWithBroker('KafkaBus', () => {
  jest.setTimeout(60_000);

  beforeAll(async () => {
    if (source === 'env') {
      brokers = kafkaBrokers();
    } else {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      container = await new KafkaContainer(KAFKA_IMAGE).start();
      brokers = [`${container.getHost()}:${container.getMappedPort(9093)}`];
    }
    const kafka = new Kafka({ clientId: 'bus-test-raw', brokers, logLevel: logLevel.NOTHING });
    rawProducer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await rawProducer.connect();
  }, 180_000);

  afterAll(async () => {
    await rawProducer?.disconnect();
    await container?.stop();
  });

  eventBusContract(() => harness);
});
