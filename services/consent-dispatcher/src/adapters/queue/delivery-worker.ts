import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import type { Logger } from '@ciba/service-kit';
import { deliveryJobData } from './delivery-job.ts';

/** One run of a delivery job, as the handler sees it. */
export interface DeliveryRun {
  promptId: string;
  /** 1 on the first run. */
  attempt: number;
  /** No retry follows this run. */
  final: boolean;
}

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
      const { prompt_id: promptId } = deliveryJobData.parse(job.data);
      const attempt = job.attemptsMade + 1;
      const final = attempt >= (job.opts.attempts ?? 1);
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
