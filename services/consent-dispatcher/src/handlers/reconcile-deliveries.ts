import type { Logger } from '@ciba/service-kit';
import type { DeliveryQueue } from '../adapters/queue/delivery-queue.ts';
import { isExpired } from '../domain/is-expired.ts';
import type { PromptStore } from '../domain/prompt-store.ts';

export interface ReconcileDeliveriesDeps {
  store: PromptStore;
  queue: Pick<DeliveryQueue, 'withoutLiveJob' | 'restore'>;
  /** First runs under way in this process. */
  inline: { has(promptId: string): boolean };
  logger: Logger;
  now(): Date;
  /** Prompts stored less than this long ago are left alone (their first run is under way, here or in another replica). */
  graceMs: number;
  /** Prompts looked at per round trip. */
  pageSize: number;
}

/**
 * One reconciliation pass. PostgreSQL is the source of truth and Redis keeps nothing on disk: every
 * pending prompt still waiting for a channel (delivery `queued`, request not expired) and older than
 * the grace must have its first run under way in this process or a live delivery job. Those without
 * (lost with a process or with Redis, or failed on an unexpected error) are queued again under the
 * same job id, so replicas reconciling at once still make one job. The first run here is checked
 * before the job: a first run that ends hands its prompt to a job before letting go of it. Resolves
 * how many it queued again.
 */
export function reconcileDeliveries(deps: ReconcileDeliveriesDeps) {
  return async (): Promise<number> => {
    let restored = 0;
    for (let after: string | undefined; ; ) {
      const now = deps.now();
      const ids = await deps.store.listAwaitingDelivery(now, new Date(now.getTime() - deps.graceMs), after, deps.pageSize);
      const unclaimed = ids.filter((id) => !deps.inline.has(id));
      for (const promptId of unclaimed.length > 0 ? await deps.queue.withoutLiveJob(unclaimed) : []) {
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
