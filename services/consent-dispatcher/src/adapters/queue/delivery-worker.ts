import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import type { Logger } from '@ciba/service-kit';
import type { DeliveryRun } from '../../delivery/delivery-run.ts';
import { deliveryJobData } from './delivery-job.ts';

export interface DeliveryWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  logger: Logger;
  /** Delivers; resolves `retry` to have the job run again after its backoff. */
  run(run: DeliveryRun): Promise<'done' | 'retry'>;
}

class RetryDelivery extends Error {
  override name = 'RetryDelivery';
}

/** Processes `QUEUES.consentPromptDelivery`; a run that asks for a retry fails the job so BullMQ backs off. */
export function startDeliveryWorker(options: DeliveryWorkerOptions): { close(): Promise<void> } {
  const worker = new Worker(
    QUEUES.consentPromptDelivery,
    async (job) => {
      const { prompt_id: promptId, first_attempt: first = 1 } = deliveryJobData.parse(job.data);
      const attempt = first + job.attemptsMade;
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if ((await options.run({ promptId, attempt, final })) === 'retry') throw new RetryDelivery('no channel took the prompt');
    },
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency },
  );
  worker.on('failed', (job, err) => {
    if (err instanceof RetryDelivery) return;
    options.logger.warn({ err, prompt_id: job?.id, attempt: job?.attemptsMade }, 'delivery job failed');
  });
  worker.on('error', (err) => options.logger.warn({ err }, 'delivery worker error'));
  return { close: () => worker.close() };
}
