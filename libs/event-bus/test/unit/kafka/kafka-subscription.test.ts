import type { EachMessagePayload, Kafka } from 'kafkajs';
import { TOPICS } from '@ciba/contracts';
import type { DeadLetterFields } from '../../../src/consumer/dead-letter-event.ts';
import type { KafkaSettings } from '../../../src/kafka/kafka-bus-options.ts';
import { KafkaSubscription } from '../../../src/kafka/kafka-subscription.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';
import { testLogger } from '../../support/test-logger.ts';

/** kafkajs' consumer as far as the subscription uses it; the broker side runs in kafka-bus.test.ts. */
function fakeKafka() {
  const consumer = {
    events: { CRASH: 'consumer.crash' },
    on: jest.fn(),
    connect: jest.fn(async () => {}),
    subscribe: jest.fn(async () => {}),
    run: jest.fn(async (_config: { eachMessage: (payload: EachMessagePayload) => Promise<void> }) => {}),
    commitOffsets: jest.fn(async () => {}),
    disconnect: jest.fn(async () => {}),
  };
  return { kafka: { consumer: jest.fn(() => consumer) } as unknown as Kafka, consumer };
}

const settings = {
  topicPrefix: 'pre.',
  partitions: 8,
  sessionTimeout: 6000,
  heartbeatInterval: 500,
  rebalanceTimeout: 10_000,
  logger: testLogger,
  retry: { initialMs: 1, maxMs: 2 },
} as KafkaSettings;

function payload(value: string | null, offset = '41') {
  return {
    topic: `pre.${TOPICS.tokens}`,
    partition: 3,
    message: { key: Buffer.from('k'), value: value === null ? null : Buffer.from(value), offset },
    heartbeat: jest.fn(async () => {}),
    pause: jest.fn(() => () => {}),
  } as unknown as EachMessagePayload & { heartbeat: jest.Mock; pause: jest.Mock };
}

async function started(handler: jest.Mock) {
  const { kafka, consumer } = fakeKafka();
  const deadLetters: DeadLetterFields[] = [];
  const subscription = new KafkaSubscription(kafka, settings, { group: 'g', topics: [TOPICS.tokens], handler, maxAttempts: 3 }, async (f) => void deadLetters.push(f));
  await subscription.start();
  const eachMessage = consumer.run.mock.calls[0]?.[0].eachMessage as (p: EachMessagePayload) => Promise<void>;
  return { subscription, consumer, eachMessage, deadLetters, kafka };
}

describe('KafkaSubscription', () => {
  const event = sampleTokenEvent('k', 1);

  test('joins group `group` on the prefixed topics from the beginning, committing manually', async () => {
    const { consumer, kafka } = await started(jest.fn());
    expect(kafka.consumer).toHaveBeenCalledWith(expect.objectContaining({ groupId: 'g', sessionTimeout: 6000, allowAutoTopicCreation: false }));
    expect(consumer.subscribe).toHaveBeenCalledWith({ topics: [`pre.${TOPICS.tokens}`], fromBeginning: true });
    expect(consumer.run).toHaveBeenCalledWith(expect.objectContaining({ autoCommit: false, partitionsConsumedConcurrently: 8 }));
  });

  test('commits the next offset only after the handler resolved', async () => {
    const order: string[] = [];
    const handler = jest.fn(async () => void order.push('handled'));
    const { consumer, eachMessage } = await started(handler);
    consumer.commitOffsets.mockImplementation(async () => void order.push('committed'));
    await eachMessage(payload(JSON.stringify(event)));
    expect(handler).toHaveBeenCalledWith(event, { topic: TOPICS.tokens, key: 'k', partition: 3, position: '41', attempt: 1 });
    expect(consumer.commitOffsets).toHaveBeenCalledWith([{ topic: `pre.${TOPICS.tokens}`, partition: 3, offset: '42' }]);
    expect(order).toEqual(['handled', 'committed']);
  });

  test('retries a failing handler with heartbeats, then dead-letters and commits', async () => {
    const handler = jest.fn(async () => {
      throw new Error('nope');
    });
    const { consumer, eachMessage, deadLetters } = await started(handler);
    const p = payload(JSON.stringify(event));
    await eachMessage(p);
    expect(handler.mock.calls.map((call) => (call as unknown[])[1])).toMatchObject([{ attempt: 1 }, { attempt: 2 }, { attempt: 3 }]);
    expect(p.heartbeat).toHaveBeenCalledTimes(2);
    expect(deadLetters).toMatchObject([{ reason: 'handler_failed', attempts: 3, topic: TOPICS.tokens, group: 'g', key: 'k' }]);
    expect(consumer.commitOffsets).toHaveBeenCalledTimes(1);
  });

  test('an unparseable value is dead-lettered and committed without reaching the handler', async () => {
    const handler = jest.fn();
    const { consumer, eachMessage, deadLetters } = await started(handler);
    await eachMessage(payload(null));
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters).toMatchObject([{ reason: 'unparseable' }]);
    expect(consumer.commitOffsets).toHaveBeenCalledTimes(1);
  });

  test('after close() or a crash, nothing more is handled or committed', async () => {
    const handler = jest.fn();
    const { subscription, consumer, eachMessage } = await started(handler);
    subscription.crash();
    const p = payload(JSON.stringify(event));
    await eachMessage(p);
    expect(handler).not.toHaveBeenCalled();
    expect(p.pause).toHaveBeenCalled();
    expect(consumer.commitOffsets).not.toHaveBeenCalled();
    await subscription.close();
    expect(consumer.disconnect).toHaveBeenCalledTimes(1);
  });

  describe('a consumer kafkajs gave up on', () => {
    const crashListener = (consumer: ReturnType<typeof fakeKafka>['consumer']) =>
      consumer.on.mock.calls.find((call) => (call as unknown[])[0] === 'consumer.crash')![1] as (event: { payload: { error: Error; restart: boolean } }) => void;
    const until = async (condition: () => boolean) => {
      for (let i = 0; !condition(); i++) {
        if (i > 200) throw new Error('condition not reached');
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    test('is replaced by a new one after a crash kafkajs does not restart', async () => {
      const { subscription, consumer, kafka } = await started(jest.fn());
      crashListener(consumer)({ payload: { error: new Error('non-retriable'), restart: false } });
      await until(() => consumer.run.mock.calls.length === 2);
      expect(kafka.consumer).toHaveBeenCalledTimes(2);
      expect(consumer.disconnect).toHaveBeenCalledTimes(1);
      await subscription.close();
    });

    test('is left to kafkajs when it restarts it, and to nobody once closed or crashed on purpose', async () => {
      const { subscription, consumer, kafka } = await started(jest.fn());
      crashListener(consumer)({ payload: { error: new Error('retriable'), restart: true } });
      subscription.crash();
      crashListener(consumer)({ payload: { error: new Error('after abort'), restart: false } });
      await new Promise((r) => setTimeout(r, 50));
      expect(kafka.consumer).toHaveBeenCalledTimes(1);
      await subscription.close();
    });

    test('a failed start is tried again until one runs', async () => {
      const { subscription, consumer } = await started(jest.fn());
      consumer.connect.mockRejectedValueOnce(new Error('broker away'));
      crashListener(consumer)({ payload: { error: new Error('non-retriable'), restart: false } });
      await until(() => consumer.run.mock.calls.length === 2);
      expect(consumer.connect).toHaveBeenCalledTimes(3);
      await subscription.close();
    });
  });
});
