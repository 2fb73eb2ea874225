import type { Logger } from '@ciba/service-kit';
import type { DeliveryQueue } from '../adapters/queue/delivery-queue.ts';
import type { ConsentPrompt } from '../domain/consent-prompt.ts';
import type { DeliveryRun } from './delivery-run.ts';

export interface InlineDeliveriesOptions {
  /** First runs at once. */
  concurrency: number;
  /** Prompts waiting for a slot at most; past that `offer` refuses. */
  backlog: number;
  /** A prompt that waited longer than this for a slot is handed to the queue instead (stays ahead of the reconciler's grace). */
  maxWaitMs: number;
  /** Delivery runs of a prompt in all (the first here, the rest as a BullMQ job). */
  attempts: number;
  run(run: DeliveryRun): Promise<'done' | 'retry'>;
  queue: Pick<DeliveryQueue, 'enqueue'>;
  logger: Logger;
}

/** The first delivery run of new prompts, in this process, right after they are stored. */
export interface InlineDeliveries {
  /**
   * Takes a prompt just stored (its hash that of `token`) for its first run; false when the backlog is
   * full or closing, and the caller queues a job instead.
   */
  offer(prompt: ConsentPrompt, token: string): boolean;
  /** Whether the prompt's first run is waiting or running here: the reconciler leaves it alone. */
  has(promptId: string): boolean;
  /** Takes nothing more, drops the waiting prompts (still `queued` in PostgreSQL: the reconciler's), waits for the running ones. */
  close(): Promise<void>;
}

/**
 * Runs first deliveries with bounded concurrency, without a BullMQ job: the common prompt reaches its
 * channel with no Redis command. A first run that asks for a retry (or fails unexpectedly) hands the
 * prompt to the queue for the remaining runs, with the delays and run numbers a job would have had.
 * Crash safety is PostgreSQL's: a prompt lost here is still `queued`, and the reconciler queues it
 * again once it is older than its grace. A prompt stays `has()` until its job is queued.
 */
export function inlineDeliveries(options: InlineDeliveriesOptions): InlineDeliveries {
  const taken = new Set<string>();
  const waiting: Array<{ prompt: ConsentPrompt; token: string; since: number }> = [];
  const running = new Set<Promise<void>>();
  let closed = false;

  const handOver = async (promptId: string, firstAttempt: number) => {
    try {
      await options.queue.enqueue(promptId, firstAttempt);
    } catch (err) {
      options.logger.warn({ err, prompt_id: promptId }, 'could not queue the delivery; the reconciler will');
    }
  };

  const first = async ({ prompt, token, since }: { prompt: ConsentPrompt; token: string; since: number }) => {
    const { promptId } = prompt;
    try {
      if (performance.now() - since > options.maxWaitMs) return await handOver(promptId, 1);
      const final = options.attempts <= 1;
      let outcome: 'done' | 'retry';
      try {
        outcome = await options.run({ promptId, attempt: 1, final, prompt, token });
      } catch (err) {
        options.logger.warn({ err, prompt_id: promptId }, 'delivery run failed');
        outcome = 'retry';
      }
      if (outcome === 'retry' && !final) await handOver(promptId, 2);
    } finally {
      taken.delete(promptId);
    }
  };

  const pump = () => {
    while (!closed && running.size < options.concurrency && waiting.length > 0) {
      const done: Promise<void> = first(waiting.shift()!).finally(() => {
        running.delete(done);
        pump();
      });
      running.add(done);
    }
  };

  return {
    offer(prompt, token) {
      if (closed || (running.size >= options.concurrency && waiting.length >= options.backlog)) return false;
      taken.add(prompt.promptId);
      waiting.push({ prompt, token, since: performance.now() });
      pump();
      return true;
    },
    has: (promptId) => taken.has(promptId),
    async close() {
      closed = true;
      for (const { prompt } of waiting.splice(0)) taken.delete(prompt.promptId);
      await Promise.allSettled([...running]);
    },
  };
}
