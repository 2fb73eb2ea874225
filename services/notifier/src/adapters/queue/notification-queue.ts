import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import { QUEUE_STATES } from '@ciba/metrics';
import { NOTIFY_BACKOFF, type NotificationJobData } from './notification-job.ts';

export interface NotificationQueueOptions {
  connection: Redis;
  /** BullMQ key prefix (tests use a random one). */
  prefix: string;
  /** Runs of a job before it gives up (`NOTIFY_MAX_ATTEMPTS`). */
  attempts: number;
}

/** Where notifications wait for a retry (or for their first attempt, when the process had no room for it). */
export interface NotificationQueue {
  /** Queues the delivery of a request's notification once: the job id is the request id. */
  enqueue(requestId: string): Promise<void>;
  /**
   * Queues the retries of a notification whose first `runsBefore` runs were made in process, after
   * `delayMs`: the job keeps the attempts left of `attempts` (at least one). Once, as `enqueue`.
   */
  retry(requestId: string, runsBefore: number, delayMs: number): Promise<void>;
  /**
   * Queues again the notifications (pending, says the database) whose job Redis no longer holds, or
   * holds as finished (Redis restarted empty, a job stalled out). Jobs waiting, delayed or running are
   * left alone. One round trip for the lot, then one per job to revive. Answers how many it queued.
   */
  revive(requestIds: readonly string[]): Promise<number>;
  /** Jobs per BullMQ state (`QUEUE_STATES`), for `ciba_queue_jobs`: one round trip. */
  jobCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** The BullMQ queue of `QUEUES.clientNotificationDelivery`, on a connection the caller owns. */
export function createNotificationQueue(options: NotificationQueueOptions): NotificationQueue {
  const queue = new Queue<NotificationJobData>(QUEUES.clientNotificationDelivery, { connection: options.connection, prefix: options.prefix });
  const add = async (requestId: string, runsBefore: number, delayMs: number) => {
    await queue.add(
      'notify',
      runsBefore > 0 ? { request_id: requestId, runs_before: runsBefore } : { request_id: requestId },
      {
        jobId: requestId,
        attempts: Math.max(1, options.attempts - runsBefore),
        ...(delayMs > 0 ? { delay: delayMs } : {}),
        backoff: { type: NOTIFY_BACKOFF },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
      },
    );
  };
  const enqueue = (requestId: string) => add(requestId, 0, 0);
  return {
    enqueue,
    retry: add,
    jobCounts: () => queue.getJobCounts(...QUEUE_STATES),
    async revive(requestIds) {
      if (requestIds.length === 0) return 0;
      const [completed, failed] = [queue.toKey('completed'), queue.toKey('failed')];
      const pipeline = options.connection.pipeline();
      for (const id of requestIds) pipeline.exists(queue.toKey(id)).zscore(completed, id).zscore(failed, id);
      const replies = (await pipeline.exec()) ?? [];
      let revived = 0;
      for (const [i, id] of requestIds.entries()) {
        const [exists, inCompleted, inFailed] = replies.slice(i * 3, i * 3 + 3).map(([err, value]) => (err ? null : value));
        const finished = inCompleted !== null || inFailed !== null;
        if (exists === 1 && !finished) continue;
        // a worker that holds the job again (it just became active) makes remove throw: leave it to that worker
        if (exists === 1 && (await queue.remove(id).catch(() => 0)) !== 1) continue;
        await enqueue(id);
        revived += 1;
      }
      return revived;
    },
    close: () => queue.close(),
  };
}
