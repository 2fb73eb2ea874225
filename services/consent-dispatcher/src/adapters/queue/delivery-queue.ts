import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import type { DeliveryJobData } from './delivery-job.ts';

export interface DeliveryQueueOptions {
  connection: Redis;
  /** BullMQ key prefix (tests use a random one). */
  prefix: string;
  /** Runs of the job before it gives up. */
  attempts: number;
  /** First retry delay, doubled on each further retry, milliseconds. */
  backoffMs: number;
}

/** Where prompts wait for delivery. */
export interface DeliveryQueue {
  /** Queues the delivery of a prompt once: the job id is the prompt id, so a replay adds nothing. */
  enqueue(promptId: string): Promise<void>;
  close(): Promise<void>;
}

/** The BullMQ queue of `QUEUES.consentPromptDelivery`, on a connection the caller owns. */
export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const queue = new Queue<DeliveryJobData>(QUEUES.consentPromptDelivery, { connection: options.connection, prefix: options.prefix });
  return {
    async enqueue(promptId) {
      await queue.add(
        'deliver',
        { prompt_id: promptId },
        {
          jobId: promptId,
          attempts: options.attempts,
          backoff: { type: 'exponential', delay: options.backoffMs },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
        },
      );
    },
    close: () => queue.close(),
  };
}
