import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { CLIENT_NOTIFICATION_DELIVERED_V1, TOPICS } from '@ciba/contracts';
import { kafkaAvailable, kafkaBrokers, waitFor } from '@ciba/test-support';
import type { EventBus } from '../../src/event-bus.ts';
import { createEventBus } from '../../src/create-event-bus.ts';
import { createEventTap } from '../../src/tap/create-event-tap.ts';
import { newEvent } from '../../src/new-event.ts';
import type { EventTap, TappedMessage } from '../../src/tap/event-tap.ts';
import { sampleTokenEvent, seqOf } from '../support/sample-token-event.ts';
import { testLogger } from '../support/test-logger.ts';

// The observer's tap on both buses: where reads start and stop, and that it leaves nothing behind.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const buses = [{ name: 'redis-streams', kafka: false }, ...(kafkaAvailable('event tap') ? [{ name: 'kafka', kafka: true }] : [])];

describe.each(buses)('event tap over $name', ({ kafka }) => {
  const id = randomBytes(5).toString('hex');
  const settings = { kafkaBrokers: kafka ? kafkaBrokers() : [], kafkaTopicPrefix: `tap-${id}.`, redisUrl: REDIS_URL, namespace: `tap-${id}`, logger: testLogger };
  let bus: EventBus;
  let tap: EventTap;
  const key = randomUUID();
  const publish = (seq: number) => bus.publish([{ topic: TOPICS.tokens, key, event: sampleTokenEvent(key, seq) }]);
  const seqs = (messages: TappedMessage[]) => messages.map((m) => seqOf(JSON.parse(m.value!)));
  const readAll = async (from: Parameters<EventTap['read']>[0]['from']) => {
    const got: TappedMessage[] = [];
    await tap.read({ topics: [TOPICS.tokens], from, follow: false, onMessage: (m) => void got.push(m) });
    return got;
  };

  beforeAll(async () => {
    bus = createEventBus({ ...settings, clientId: 'tap-test' });
    tap = createEventTap({ ...settings, clientId: 'tap-test' });
    await publish(1);
    await publish(2);
  });

  afterAll(async () => {
    await tap.close();
    await bus.close();
  });

  it('reads up to the end as it was, from the beginning, from a time, or nothing from the end', async () => {
    expect(seqs(await readAll('beginning'))).toEqual([1, 2]);
    expect(await readAll('end')).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    await publish(3);
    const got = await readAll({ sinceMs: since });
    expect(seqs(got)).toEqual([3]);
    expect(got[0]).toMatchObject({ topic: TOPICS.tokens, key });
  }, 30_000);

  it('follows from the end: only what is published after it is ready, until closed; a topic created meanwhile is read from its start', async () => {
    const followTap = createEventTap({ ...settings, clientId: 'tap-follow' });
    const got: TappedMessage[] = [];
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const reading = followTap.read({ topics: [TOPICS.tokens, TOPICS.clientNotifications], from: 'end', follow: true, onReady: ready, onMessage: (m) => void got.push(m) });
    await isReady;
    await publish(4);
    await waitFor(() => got.length === 1, 20_000, 'the new message');
    expect(seqs(got)).toEqual([4]);
    // ciba.client-notifications did not exist on Kafka when the read started
    const note = newEvent(TOPICS.clientNotifications, { type: CLIENT_NOTIFICATION_DELIVERED_V1, source: '/services/test', subject: key, data: { request_id: randomUUID(), client_id: 'c', mode: 'ping', outcome: 'approved', attempts: 1, latency_ms: 1 } });
    await bus.publish([{ topic: TOPICS.clientNotifications, key, event: note }]);
    await waitFor(() => got.length === 2, 20_000, 'the message on the new topic');
    expect(got[1]).toMatchObject({ topic: TOPICS.clientNotifications, key });
    await followTap.close();
    await reading;
  }, 40_000);

  it('leaves no consumer group behind', async () => {
    if (kafka) {
      const admin = new Kafka({ clientId: 'tap-test-admin', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        expect((await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(settings.kafkaTopicPrefix))).toEqual([]);
        await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(settings.kafkaTopicPrefix)) });
      } finally {
        await admin.disconnect();
      }
      return;
    }
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${settings.namespace}:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) expect(await redis.call('XINFO', 'GROUPS', k)).toEqual([]);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });
});
