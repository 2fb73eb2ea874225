import type { NotificationTarget } from '@ciba/contracts';
import { withinStoredTrace } from '@ciba/service-kit';
import type { NotificationQueue } from '../adapters/queue/notification-queue.ts';
import type { NotificationRunResult } from '../adapters/queue/notification-worker.ts';
import type { NotifierBackoff } from '../config.ts';
import type { ClientNotification } from '../domain/client-notification.ts';
import { retryDelay } from '../domain/retry-delay.ts';
import { attemptDelivery } from './attempt-delivery.ts';
import type { DeliveryDeps } from './delivery-deps.ts';

export interface FirstAttemptDeps {
  delivery: DeliveryDeps;
  queue: Pick<NotificationQueue, 'retry'>;
  maxAttempts: number;
  backoff: NotifierBackoff;
}

/**
 * The first attempt of a notification just recorded under this process' lease (`owner`), made in
 * process: no queue job when it settles the notification (delivered, or failed for good). A retry, or
 * an attempt that threw, gives the lease back and queues the retries after the backoff. Should the
 * process die first, or Redis refuse the job, the row stays pending and the reconciler queues it once
 * the lease has ended. Never throws.
 */
export function deliverFirstAttempt(deps: FirstAttemptDeps) {
  const { store, logger } = deps.delivery;
  return async (n: ClientNotification, owner: string, target: NotificationTarget): Promise<void> => {
    const run = { requestId: n.requestId, attempt: 1, final: deps.maxAttempts <= 1 };
    const attributes = { 'ciba.request_id': n.requestId, 'ciba.client_id': n.clientId, 'ciba.notification.mode': n.mode, 'ciba.notification.attempt': 1 };
    let result: NotificationRunResult;
    try {
      result = await withinStoredTrace(n.traceContext, 'ciba.notify', attributes, () => attemptDelivery(deps.delivery, n, run, target));
    } catch (err) {
      logger.warn({ err, request_id: n.requestId }, 'first notification attempt failed; queueing its retry');
      result = { kind: 'retry' };
    }
    if (result.kind !== 'retry') return;
    try {
      await store.release(n.requestId, owner);
      const delayMs = retryDelay({ attempt: 1, ...deps.backoff, ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}) });
      await deps.queue.retry(n.requestId, 1, delayMs);
    } catch (err) {
      logger.warn({ err, request_id: n.requestId }, 'notification retry not queued; the reconciler will queue it once its lease ends');
    }
  };
}
