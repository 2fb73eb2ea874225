import { Queue, type JobState } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@ciba/contracts/queues';
import type { DeliveryJobData } from './delivery-job.ts';

export interface DeliveryQueueOptions {
  connection: Redis;
  /** BullMQ key prefix (tests use a random one). */
  prefix: string;
  /** Delivery runs of a prompt before it gives up (the in-process first run included). */
  attempts: number;
  /** First retry delay, doubled on each further retry, milliseconds. */
  backoffMs: number;
}

/** Where prompts wait for delivery when it is not done in process at once. */
export interface DeliveryQueue {
  /**
   * Queues the delivery of a prompt once: the job id is the prompt id, so a replay adds nothing.
   * `firstAttempt` > 1 continues a delivery whose earlier runs happened in process: the job's first run
   * waits the backoff those runs earned and counts from there, so the runs, their numbers and their
   * delays are those of a job queued from the start.
   */
  enqueue(promptId: string, firstAttempt?: number): Promise<void>;
  /** The prompts among `promptIds` with no job waiting, delayed, running or about to run. */
  withoutLiveJob(promptIds: readonly string[]): Promise<string[]>;
  /** Queues the delivery again from its first run, first removing a finished (completed or failed) job left under the id. */
  restore(promptId: string): Promise<void>;
  close(): Promise<void>;
}

/** States in which a job will still run (or is running). */
const LIVE: ReadonlySet<JobState | 'unknown'> = new Set<JobState>(['waiting', 'delayed', 'prioritized', 'waiting-children', 'active']);

/** The BullMQ queue of `QUEUES.consentPromptDelivery`, on a connection the caller owns. */
export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const queue = new Queue<DeliveryJobData>(QUEUES.consentPromptDelivery, { connection: options.connection, prefix: options.prefix });
  const enqueue = async (promptId: string, firstAttempt = 1) => {
    const done = firstAttempt - 1;
    // BullMQ waits 2^(n-1) × delay after the job's n-th failed run; a job that starts at run k waits
    // what run k-1 earned, then doubles from there.
    await queue.add('deliver', done > 0 ? { prompt_id: promptId, first_attempt: firstAttempt } : { prompt_id: promptId }, {
      jobId: promptId,
      attempts: Math.max(1, options.attempts - done),
      backoff: { type: 'exponential', delay: options.backoffMs * 2 ** done },
      ...(done > 0 ? { delay: options.backoffMs * 2 ** (done - 1) } : {}),
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
    });
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
