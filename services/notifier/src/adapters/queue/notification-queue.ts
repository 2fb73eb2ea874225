import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import { NOTIFY_BACKOFF, type NotificationJobData } from './notification-job.ts';

export interface NotificationQueueOptions {
  connection: Redis;
  /** BullMQ key prefix (tests use a random one). */
  prefix: string;
  /** Runs of a job before it gives up (`NOTIFY_MAX_ATTEMPTS`). */
  attempts: number;
}

/** Where notifications wait for delivery. */
export interface NotificationQueue {
  /** Queues the delivery of a request's notification once: the job id is the request id. */
  enqueue(requestId: string): Promise<void>;
  /**
   * Queues again a notification whose job Redis no longer holds, or holds as finished although the
   * database says it is pending (Redis restarted empty, a job stalled out). True when it did.
   */
  revive(requestId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The BullMQ queue of `QUEUES.clientNotificationDelivery`, on a connection the caller owns. */
export function createNotificationQueue(options: NotificationQueueOptions): NotificationQueue {
  const queue = new Queue<NotificationJobData>(QUEUES.clientNotificationDelivery, { connection: options.connection, prefix: options.prefix });
  const enqueue = async (requestId: string) => {
    await queue.add(
      'notify',
      { request_id: requestId },
      {
        jobId: requestId,
        attempts: options.attempts,
        backoff: { type: NOTIFY_BACKOFF },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
      },
    );
  };
  return {
    enqueue,
    async revive(requestId) {
      const state = await queue.getJobState(requestId);
      if (state === 'completed' || state === 'failed') {
        // a worker holding the job (it just became active again) makes this throw: leave it to that worker
        if ((await queue.remove(requestId).catch(() => 0)) !== 1) return false;
      } else if (state !== 'unknown') {
        return false;
      }
      await enqueue(requestId);
      return true;
    },
    close: () => queue.close(),
  };
}
