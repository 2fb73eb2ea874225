import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import { createRedis } from '@ciba/service-kit';
import { createNotificationQueue, type NotificationQueue } from '../../../../src/adapters/queue/notification-queue.ts';

describe('NotificationQueue on Redis', () => {
  const prefix = `notifier_q_${randomBytes(6).toString('hex')}`;
  let redis: Redis;
  let queue: NotificationQueue;
  let raw: Queue;

  beforeAll(() => {
    redis = createRedis('redis://127.0.0.1:6379', 'notifier-queue-test');
    queue = createNotificationQueue({ connection: redis, prefix, attempts: 4 });
    raw = new Queue(QUEUES.clientNotificationDelivery, { connection: redis, prefix });
  });
  afterAll(async () => {
    await queue.close();
    await raw.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('enqueue: one job per request id holding the id only, with the attempts and the custom backoff; a second enqueue adds nothing', async () => {
    const id = randomUUID();
    await queue.enqueue(id);
    await queue.enqueue(id);
    const job = (await raw.getJob(id))!;
    expect(job.data).toStrictEqual({ request_id: id });
    expect(job.opts).toMatchObject({ attempts: 4, backoff: { type: 'notify-full-jitter' } });
    expect(await raw.getJobCounts('waiting')).toMatchObject({ waiting: 1 });
  });

  it('revive: queues the ids whose job is gone, leaves waiting and delayed ones alone', async () => {
    const [gone, waiting, delayed] = [randomUUID(), randomUUID(), randomUUID()];
    await queue.enqueue(waiting);
    await raw.add('notify', { request_id: delayed }, { jobId: delayed, delay: 60_000 });
    await expect(queue.revive([gone, waiting, delayed])).resolves.toBe(1);
    expect(await raw.getJobState(gone)).toBe('waiting');
    expect(await raw.getJobState(delayed)).toBe('delayed');
    await expect(queue.revive([gone, waiting, delayed])).resolves.toBe(0);
  });

  it('revive: a finished job of a still pending notification is replaced by a fresh one', async () => {
    const id = randomUUID();
    await raw.add('notify', { request_id: id }, { jobId: id });
    const job = (await raw.getJob(id))!;
    await redis.zadd(raw.toKey('failed'), Date.now(), id); // as a job that stalled out ends
    await redis.lrem(raw.toKey('wait'), 0, id);
    expect(await raw.getJobState(id)).toBe('failed');
    await expect(queue.revive([id])).resolves.toBe(1);
    expect(await raw.getJobState(id)).toBe('waiting');
    expect((await raw.getJob(id))!.timestamp).toBeGreaterThanOrEqual(job.timestamp);
  });

  it('revive of nothing is nothing', async () => {
    await expect(queue.revive([])).resolves.toBe(0);
  });
});
