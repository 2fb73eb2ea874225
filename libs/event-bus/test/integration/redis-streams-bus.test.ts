import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TOPICS } from '@ciba/contracts';
import type { EventBus } from '../../src/event-bus.ts';
import { partitionOf } from '../../src/redis-streams/partition-of.ts';
import { RedisStreamsBus } from '../../src/redis-streams/redis-streams-bus.ts';
import { streamKeys } from '../../src/redis-streams/stream-keys.ts';
import { eventBusContract, type BusHarness, type BusScope } from '../contract/event-bus-contract.ts';
import { sampleTokenEvent, seqOf } from '../support/sample-token-event.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait-for.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PARTITIONS = 8;
const LEASE_MS = 600;

let admin: Redis;

beforeAll(() => {
  admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await admin.quit();
});

/** A random namespace per test: its own streams, groups and leases; deleted afterwards. */
async function newScope(): Promise<BusScope> {
  const namespace = `bus-test-${randomBytes(6).toString('hex')}`;
  return {
    createBus: async (clientId) =>
      new RedisStreamsBus({ redisUrl: REDIS_URL, namespace, clientId, logger: testLogger, partitions: PARTITIONS, blockMs: 100, leaseMs: LEASE_MS, retry: { initialMs: 10, maxMs: 50 } }),
    publishRaw: async (topic, key, value) => {
      await admin.xadd(streamKeys.stream(namespace, topic, partitionOf(key, PARTITIONS)), '*', 'key', key, 'event', value);
    },
    crash: async (bus: EventBus) => (bus as RedisStreamsBus).abort(),
    close: async () => {
      const keys = await admin.keys(`${namespace}:*`);
      if (keys.length > 0) await admin.del(...keys);
    },
  };
}

const harness: BusHarness = { newScope, countsRedeliveries: true, settleMs: LEASE_MS * 2, timeoutMs: 10_000 };

describe('RedisStreamsBus', () => {
  eventBusContract(() => harness);

  test('keeps publishing and consuming after its Redis connections are killed', async () => {
    const scope = await newScope();
    const clientId = `resilient-${randomBytes(4).toString('hex')}`;
    const bus = await scope.createBus(clientId);
    try {
      const got: number[] = [];
      await bus.subscribe({ group: 'resilience', topics: [TOPICS.tokens], handler: async (event) => void got.push(seqOf(event)) });
      await publishSeq(bus, 1);
      await waitFor('the first event', () => got.length === 1, 5000);
      const clients = (await admin.client('LIST')) as string;
      const ids = clients
        .split('\n')
        .filter((line) => line.includes(` name=${clientId}:`))
        .map((line) => /id=(\d+)/.exec(line)?.[1]);
      expect(ids.length).toBeGreaterThan(1);
      for (const id of ids) await admin.client('KILL', 'ID', String(id));
      await publishSeq(bus, 2);
      await waitFor('the event after the reconnect', () => got.length === 2, 5000);
      expect(got).toEqual([1, 2]);
    } finally {
      await bus.close();
      await scope.close();
    }
  });
});

const publishSeq = (bus: EventBus, seq: number) => bus.publish([{ topic: TOPICS.tokens, key: 'resilient', event: sampleTokenEvent('resilient', seq) }]);
