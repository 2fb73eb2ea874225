import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import type { Logger } from '@ciba/service-kit';
import { retryDelay } from '../../domain/retry-delay.ts';
import type { NotifierBackoff } from '../../config.ts';
import { notificationJobData } from './notification-job.ts';

/** One run of a notification job, as the handler sees it. */
export interface NotificationRun {
  requestId: string;
  /** 1 on the first run. */
  attempt: number;
  /** No retry follows this run. */
  final: boolean;
}

/** `done`: nothing more to do; `failed`: failed for good (recorded); `retry`: run again after the backoff. */
export type NotificationRunResult = { kind: 'done' } | { kind: 'failed' } | { kind: 'retry'; retryAfterMs?: number };

export interface NotificationWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  backoff: NotifierBackoff;
  logger: Logger;
  run(run: NotificationRun): Promise<NotificationRunResult>;
}

/** Thrown to have BullMQ retry the job; carries the client's `Retry-After` to the backoff strategy. */
export class RetryNotification extends Error {
  override name = 'RetryNotification';
  constructor(readonly retryAfterMs?: number) {
    super('notification will be retried');
  }
}

/**
 * Processes `QUEUES.clientNotificationDelivery`. A retry fails the job so BullMQ backs off with
 * `retryDelay` (full jitter, `Retry-After` as the minimum); a final failure throws `UnrecoverableError`,
 * so nothing retries it. A worker that dies mid-job loses its lock in `lockDuration`; the stalled-job
 * check of a live worker then runs the job again (a ping is at least once; a push re-issues its tokens).
 */
export function startNotificationWorker(options: NotificationWorkerOptions): { close(): Promise<void> } {
  const worker = new Worker(
    QUEUES.clientNotificationDelivery,
    async (job) => {
      const { request_id: requestId, runs_before: runsBefore = 0 } = notificationJobData.parse(job.data);
      const run = job.attemptsMade + 1;
      const result = await options.run({ requestId, attempt: runsBefore + run, final: run >= (job.opts.attempts ?? 1) });
      if (result.kind === 'failed') throw new UnrecoverableError('notification failed for good');
      if (result.kind === 'retry') throw new RetryNotification(result.retryAfterMs);
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: 10_000,
      stalledInterval: 5_000,
      maxStalledCount: 3,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, err?: Error, job?: { data?: { runs_before?: number } }) =>
          retryDelay({ attempt: attemptsMade + (job?.data?.runs_before ?? 0), ...options.backoff, ...(err instanceof RetryNotification && err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) }),
      },
    },
  );
  worker.on('failed', (job, err) => {
    if (err instanceof RetryNotification || err instanceof UnrecoverableError) return;
    options.logger.warn({ err, request_id: job?.id, attempt: job?.attemptsMade }, 'notification job failed');
  });
  worker.on('error', (err) => options.logger.warn({ err }, 'notification worker error'));
  return { close: () => worker.close() };
}
