import { Queue, type JobState } from 'bullmq';
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
  /** The prompts among `promptIds` with no job waiting, delayed, running or about to run. */
  withoutLiveJob(promptIds: readonly string[]): Promise<string[]>;
  /** Queues the delivery again, first removing a finished (completed or failed) job left under the id. */
  restore(promptId: string): Promise<void>;
  close(): Promise<void>;
}

/** States in which a job will still run (or is running). */
const LIVE: ReadonlySet<JobState | 'unknown'> = new Set<JobState>(['waiting', 'delayed', 'prioritized', 'waiting-children', 'active']);

/** The BullMQ queue of `QUEUES.consentPromptDelivery`, on a connection the caller owns. */
export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const queue = new Queue<DeliveryJobData>(QUEUES.consentPromptDelivery, { connection: options.connection, prefix: options.prefix });
  const enqueue = async (promptId: string) => {
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
  };
  return {
    enqueue,
    async withoutLiveJob(promptIds) {
      const states = await Promise.all(promptIds.map((id) => queue.getJobState(id)));
      return promptIds.filter((_, i) => !LIVE.has(states[i] ?? 'unknown'));
    },
    async restore(promptId) {
      await queue.remove(promptId);
      await enqueue(promptId);
    },
    close: () => queue.close(),
  };
}
