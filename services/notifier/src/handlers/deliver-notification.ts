import { randomUUID } from 'node:crypto';
import { withinStoredTrace } from '@ciba/service-kit';
import type { NotificationRun, NotificationRunResult } from '../adapters/queue/notification-worker.ts';
import { attemptDelivery } from '../delivery/attempt-delivery.ts';
import type { DeliveryDeps } from '../delivery/delivery-deps.ts';

/**
 * The notification job. PostgreSQL is the truth: a notification no longer pending is never sent
 * again, and a run first takes the notification's lease, so two runs (a job revived by the reconciler
 * while a lost predecessor still runs) never send at once; the second one retries when the lease ends.
 * Each attempt runs in the auth request's trace (the context stored with the notification), so the
 * callback's `traceparent` and the `notification.delivered` event continue it.
 */
export function deliverNotification(deps: DeliveryDeps) {
  return async (run: NotificationRun): Promise<NotificationRunResult> => {
    const runId = randomUUID();
    if (!(await deps.store.claim(run.requestId, runId, new Date(Date.now() + deps.leaseMs)))) {
      const n = await deps.store.find(run.requestId);
      if (!n || n.status !== 'pending') return { kind: 'done' };
      // come back when the other run's lease ends (a run that died keeps it until then)
      const retryAfterMs = Math.max(0, (n.leaseUntil?.getTime() ?? 0) - Date.now()) + 50;
      deps.logger.info({ request_id: run.requestId, job_attempt: run.attempt, retry_after_ms: retryAfterMs }, 'another run holds the notification; will retry');
      return { kind: 'retry', retryAfterMs };
    }
    try {
      const n = await deps.store.find(run.requestId);
      if (!n || n.status !== 'pending') return { kind: 'done' };
      const attributes = { 'ciba.request_id': n.requestId, 'ciba.client_id': n.clientId, 'ciba.notification.mode': n.mode, 'ciba.notification.attempt': run.attempt };
      return await withinStoredTrace(n.traceContext, 'ciba.notify', attributes, () => attemptDelivery(deps, n, run));
    } finally {
      await deps.store.release(run.requestId, runId).catch((err: unknown) => deps.logger.warn({ err, request_id: run.requestId }, 'notification lease not released'));
    }
  };
}
