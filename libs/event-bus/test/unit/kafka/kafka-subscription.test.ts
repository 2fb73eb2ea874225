import { TOPICS } from '@ciba/contracts';
import type { DeadLetterFields } from '../../../src/consumer/dead-letter-event.ts';
import type { KafkaSettings } from '../../../src/kafka/kafka-bus-options.ts';
import type { KafkaBatch, KafkaClient, KafkaDelivery } from '../../../src/kafka/kafka-client.ts';
import { KafkaSubscription } from '../../../src/kafka/kafka-subscription.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';
import { testLogger } from '../../support/test-logger.ts';

/** The client port's consumer as far as the subscription uses it; the broker side runs in kafka-bus.test.ts. */
function fakeKafka() {
  const consumer = {
    onCrash: jest.fn(),
    connect: jest.fn(async () => {}),
    runBatches: jest.fn(async (_topics: string[], _concurrency: number, _handle: (batch: KafkaBatch) => Promise<string | null>) => {}),
    commit: jest.fn(async () => {}),
    disconnect: jest.fn(async () => {}),
  };
  return { kafka: { consumer: jest.fn(() => consumer) } as unknown as KafkaClient, consumer };
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
    offset,
    key: Buffer.from('k'),
    value: value === null ? null : Buffer.from(value),
    heartbeat: jest.fn(async () => {}),
    pause: jest.fn(() => {}),
  } satisfies KafkaDelivery;
}

async function started(handler: jest.Mock) {
  const { kafka, consumer } = fakeKafka();
  const deadLetters: DeadLetterFields[] = [];
  const subscription = new KafkaSubscription(kafka, settings, { group: 'g', topics: [TOPICS.tokens], handler, maxAttempts: 3 }, async (f) => void deadLetters.push(f));
  await subscription.start();
  const eachBatch = consumer.runBatches.mock.calls[0]![2];
  // one message as a batch of its own
  const eachMessage = ({ topic, partition, heartbeat, pause, ...message }: KafkaDelivery) => eachBatch({ topic, partition, messages: [message], heartbeat, pause, isStale: () => false });
  return { subscription, consumer, eachMessage, eachBatch, deadLetters, kafka };
}

describe('KafkaSubscription', () => {
  const event = sampleTokenEvent('k', 1);

  test('joins group `<prefix><group>` on the prefixed topics, one partition per worker up to `partitions`', async () => {
    const { consumer, kafka } = await started(jest.fn());
    expect(kafka.consumer).toHaveBeenCalledWith({ groupId: 'pre.g', sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 10_000 });
    expect(consumer.runBatches).toHaveBeenCalledWith([`pre.${TOPICS.tokens}`], 8, expect.any(Function));
  });

  test('commits the next offset only after the handler resolved', async () => {
    const order: string[] = [];
    const handler = jest.fn(async () => void order.push('handled'));
    const { consumer, eachMessage } = await started(handler);
    consumer.commit.mockImplementation(async () => void order.push('committed'));
    await eachMessage(payload(JSON.stringify(event)));
    expect(handler).toHaveBeenCalledWith(event, { topic: TOPICS.tokens, key: 'k', partition: 3, position: '41', attempt: 1 });
    expect(consumer.commit).toHaveBeenCalledWith(`pre.${TOPICS.tokens}`, 3, '42');
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
    expect(consumer.commit).toHaveBeenCalledTimes(1);
  });

  test('an unparseable value is dead-lettered and committed without reaching the handler', async () => {
    const handler = jest.fn();
    const { consumer, eachMessage, deadLetters } = await started(handler);
    await eachMessage(payload(null));
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters).toMatchObject([{ reason: 'unparseable' }]);
    expect(consumer.commit).toHaveBeenCalledTimes(1);
  });

  test('handles the keys of a batch side by side, each in order, and commits once past the batch', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const handler = jest.fn(async (e: ReturnType<typeof sampleTokenEvent>) => {
      order.push(`${e.subject}${e.data.access_token_jti}`);
      if (e.subject === 'slow' && e.data.access_token_jti === '0') await gate; // held until key "fast" is done
      if (e.subject === 'fast' && e.data.access_token_jti === '1') release();
    });
    const { consumer, eachBatch } = await started(handler);
    const message = (key: string, seq: number, offset: number) => ({ offset: String(offset), key: Buffer.from(key), value: Buffer.from(JSON.stringify(sampleTokenEvent(key, seq))) });
    const batch = { topic: `pre.${TOPICS.tokens}`, partition: 3, messages: [message('slow', 0, 10), message('fast', 0, 11), message('slow', 1, 12), message('fast', 1, 13)], heartbeat: jest.fn(async () => {}), pause: jest.fn(), isStale: () => false };
    await expect(eachBatch(batch)).resolves.toBe('13');
    expect(order.filter((o) => o.startsWith('slow'))).toEqual(['slow0', 'slow1']);
    expect(order.indexOf('fast1')).toBeLessThan(order.indexOf('slow1'));
    expect(consumer.commit.mock.calls).toEqual([[`pre.${TOPICS.tokens}`, 3, '14']]);
  });

  test('closing in the middle of a batch commits only the run of handled messages from its start', async () => {
    let close = () => {};
    const handler = jest.fn(async (e: ReturnType<typeof sampleTokenEvent>) => {
      if (e.subject === 'a') close(); // key "b" has not started: it finds the subscription closing
    });
    const { subscription, consumer, eachBatch } = await started(handler);
    close = () => void subscription.close();
    const message = (key: string, seq: number, offset: number) => ({ offset: String(offset), key: Buffer.from(key), value: Buffer.from(JSON.stringify(sampleTokenEvent(key, seq))) });
    const pause = jest.fn();
    await expect(eachBatch({ topic: `pre.${TOPICS.tokens}`, partition: 1, messages: [message('a', 0, 5), message('b', 0, 6), message('a', 1, 7)], heartbeat: jest.fn(async () => {}), pause, isStale: () => false })).resolves.toBe('5');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(consumer.commit.mock.calls).toEqual([[`pre.${TOPICS.tokens}`, 1, '6']]);
    expect(pause).toHaveBeenCalled();
  });

  test('after close() or a crash, nothing more is handled or committed', async () => {
    const handler = jest.fn();
    const { subscription, consumer, eachMessage } = await started(handler);
    subscription.crash();
    const p = payload(JSON.stringify(event));
    await eachMessage(p);
    expect(handler).not.toHaveBeenCalled();
    expect(p.pause).toHaveBeenCalled();
    expect(consumer.commit).not.toHaveBeenCalled();
    await subscription.close();
    expect(consumer.disconnect).toHaveBeenCalledTimes(1);
  });

  describe('a consumer kafkajs gave up on', () => {
    const crashListener = (consumer: ReturnType<typeof fakeKafka>['consumer']) => {
      const listener = consumer.onCrash.mock.calls[0]![0] as (err: Error, restarting: boolean) => void;
      return ({ payload }: { payload: { error: Error; restart: boolean } }) => listener(payload.error, payload.restart);
    };
    const until = async (condition: () => boolean) => {
      for (let i = 0; !condition(); i++) {
        if (i > 200) throw new Error('condition not reached');
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    test('is replaced by a new one after a crash kafkajs does not restart', async () => {
      const { subscription, consumer, kafka } = await started(jest.fn());
      crashListener(consumer)({ payload: { error: new Error('non-retriable'), restart: false } });
      await until(() => consumer.runBatches.mock.calls.length === 2);
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
      await until(() => consumer.runBatches.mock.calls.length === 2);
      expect(consumer.connect).toHaveBeenCalledTimes(3);
      await subscription.close();
    });
  });
});
