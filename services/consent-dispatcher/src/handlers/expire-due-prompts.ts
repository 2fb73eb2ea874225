import { inCarriedContext } from '@ciba/event-bus';
import { flowMetrics } from '@ciba/metrics';
import type { Logger } from '@ciba/service-kit';
import type { PromptStore } from '../domain/prompt-store.ts';
import { consentExpiredEvent } from '../events/expired-event.ts';

export interface ExpireDuePromptsDeps {
  store: PromptStore;
  logger: Logger;
  now(): Date;
  /** Prompts expired per transaction. */
  batchSize: number;
}

/**
 * One expiry sweep: every pending prompt whose request reached `expires_at` becomes `expired`, with
 * its `ciba.consent.expired.v1` in the same transaction (a batch per transaction, until a batch comes
 * back short). Safe with several replicas and against concurrent decisions: the store's conditional
 * update lets exactly one transition win. Each expired event continues its auth request's trace (the
 * context stored with the prompt). Resolves how many prompts it expired.
 */
export function expireDuePrompts(deps: ExpireDuePromptsDeps) {
  return async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const now = deps.now();
      const expired = await deps.store.expireDue(now, deps.batchSize, (prompt) => inCarriedContext(prompt.traceContext, () => consentExpiredEvent(prompt, now)));
      for (const p of expired) deps.logger.info({ prompt_id: p.promptId, request_id: p.requestId, client_id: p.clientId }, 'consent prompt expired undecided');
      flowMetrics.outcome('expired', expired.length);
      total += expired.length;
      if (expired.length < deps.batchSize) return total;
    }
  };
}
