import { randomUUID } from 'node:crypto';
import type { NotificationRun, NotificationRunResult } from '../adapters/queue/notification-worker.ts';
import { attemptDelivery } from '../delivery/attempt-delivery.ts';
import type { DeliveryDeps } from '../delivery/delivery-deps.ts';

/**
 * The notification job. PostgreSQL is the truth: a notification no longer pending is never sent
 * again, and a run first takes the notification's lease, so two runs (a job revived by the reconciler
 * while a lost predecessor still runs) never send at once; the second one retries later.
 */
export function deliverNotification(deps: DeliveryDeps) {
  return async (run: NotificationRun): Promise<NotificationRunResult> => {
    const runId = randomUUID();
    if (!(await deps.store.claim(run.requestId, runId, new Date(Date.now() + deps.leaseMs)))) {
      const n = await deps.store.find(run.requestId);
      if (!n || n.status !== 'pending') return { kind: 'done' };
      deps.logger.info({ request_id: run.requestId, job_attempt: run.attempt }, 'another run holds the notification; will retry');
      return { kind: 'retry' };
    }
    try {
      const n = await deps.store.find(run.requestId);
      if (!n || n.status !== 'pending') return { kind: 'done' };
      return await attemptDelivery(deps, n, run);
    } finally {
      await deps.store.release(run.requestId, runId).catch((err: unknown) => deps.logger.warn({ err, request_id: run.requestId }, 'notification lease not released'));
    }
  };
}
