import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { brokerEpochFor } from '@ciba/event-bus/outbox/broker-epoch-for';
import { constantBrokerEpoch } from '@ciba/event-bus/outbox/constant-broker-epoch';
import { redisBrokerEpoch } from '@ciba/event-bus/outbox/redis-broker-epoch';
import { createRedis } from '@ciba/service-kit';

/** The broker epochs watchBrokerResets relies on (libs/event-bus/src/outbox), on the shared Redis under a unique namespace. */
describe('broker epochs', () => {
  const namespace = `consent_epoch_${randomBytes(6).toString('hex')}`;
  let redis: Redis;

  beforeAll(() => {
    redis = createRedis('redis://127.0.0.1:6379', 'consent-epoch-test');
  });
  afterAll(async () => {
    await redis.del(`${namespace}:epoch`, `${namespace}-for:epoch`);
    await redis.quit();
  });

  it('redisBrokerEpoch: one epoch until its hash is gone; a replay counts only for the epoch it was made in', async () => {
    const epoch = redisBrokerEpoch({ redis, namespace });
    const first = await epoch.current();
    expect(await epoch.current()).toBe(first);
    expect(await epoch.replayed(first, 'consent')).toBe(false);
    expect(await epoch.markReplayed(first, 'consent')).toBe(true);
    expect(await epoch.replayed(first, 'consent')).toBe(true);
    expect(await epoch.replayed(first, 'token')).toBe(false);

    await redis.del(`${namespace}:epoch`); // what a Redis restarted without persistence looks like
    const second = await epoch.current();
    expect(second).not.toBe(first);
    expect(await epoch.replayed(second, 'consent')).toBe(false);
    expect(await epoch.markReplayed(first, 'consent')).toBe(false);
    expect(await epoch.replayed(second, 'consent')).toBe(false);
  });

  it('constantBrokerEpoch: never needs a replay', async () => {
    const epoch = constantBrokerEpoch();
    expect(await epoch.current()).toBe('durable');
    expect(await epoch.replayed('durable', 'consent')).toBe(true);
  });

  it('brokerEpochFor: constant with Kafka brokers, else the Redis hash under the namespace', async () => {
    expect(await brokerEpochFor({ kafkaBrokers: ['kafka:9092'], redis, namespace: `${namespace}-for` }).current()).toBe('durable');
    expect(await redis.exists(`${namespace}-for:epoch`)).toBe(0);
    const id = await brokerEpochFor({ kafkaBrokers: [' '], redis, namespace: `${namespace}-for` }).current();
    expect(await redis.hget(`${namespace}-for:epoch`, 'id')).toBe(id);
  });
});
