import type { Logger } from '@ciba/service-kit';
import type { DeliveryQueue } from '../adapters/queue/delivery-queue.ts';
import { isExpired } from '../domain/is-expired.ts';
import type { PromptStore } from '../domain/prompt-store.ts';

export interface ReconcileDeliveriesDeps {
  store: PromptStore;
  queue: Pick<DeliveryQueue, 'withoutLiveJob' | 'restore'>;
  logger: Logger;
  now(): Date;
  /** Prompts looked at per round trip. */
  pageSize: number;
}

/**
 * One reconciliation pass. PostgreSQL is the source of truth and Redis keeps nothing on disk: every
 * pending prompt still waiting for a channel (delivery `queued`, request not expired) must have a live
 * delivery job. Those without one (lost with Redis, or failed on an unexpected error) are queued
 * again under the same job id, so replicas reconciling at once still make one job. Resolves how many
 * it queued again.
 */
export function reconcileDeliveries(deps: ReconcileDeliveriesDeps) {
  return async (): Promise<number> => {
    let restored = 0;
    for (let after: string | undefined; ; ) {
      const ids = await deps.store.listAwaitingDelivery(deps.now(), after, deps.pageSize);
      for (const promptId of await deps.queue.withoutLiveJob(ids)) {
        // Read again: the job may have just settled the prompt and finished.
        const prompt = await deps.store.findById(promptId);
        if (!prompt || prompt.status !== 'pending' || prompt.deliveryStatus !== 'queued' || isExpired(prompt.expiresAt, deps.now())) continue;
        await deps.queue.restore(promptId);
        deps.logger.warn({ prompt_id: promptId, request_id: prompt.requestId }, 'delivery job was missing; queued again');
        restored += 1;
      }
      if (ids.length < deps.pageSize) return restored;
      after = ids.at(-1);
    }
  };
}
