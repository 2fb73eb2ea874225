import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pruneIdleConsumers } from '../../src/redis-streams/prune-idle-consumers.ts';
import { sleep } from '../support/wait-for.ts';

const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const stream = `bus-test-${randomBytes(6).toString('hex')}:prune`;

afterAll(async () => {
  await redis.del(stream);
  await redis.quit();
});

test('pruneIdleConsumers deletes only idle consumers that hold nothing, never itself', async () => {
  await redis.xgroup('CREATE', stream, 'g', '0', 'MKSTREAM');
  // Consumers come into being with a read that returns an entry.
  const consumerReading = async (name: string, ack: boolean) => {
    const id = await redis.xadd(stream, '*', 'key', 'k', 'event', '{}');
    await redis.xreadgroup('GROUP', 'g', name, 'COUNT', 1, 'STREAMS', stream, '>');
    if (ack && id) await redis.xack(stream, 'g', id);
  };
  await consumerReading('holder', false); // keeps one pending
  await consumerReading('gone', true);
  await consumerReading('me', true);
  await sleep(30);
  await consumerReading('fresh', true);

  expect(await pruneIdleConsumers(redis, stream, 'g', 'me', 20)).toBe(1);
  const names = ((await redis.xinfo('CONSUMERS', stream, 'g')) as unknown[][]).map((flat) => flat[1]).sort();
  expect(names).toEqual(['fresh', 'holder', 'me']);
});
