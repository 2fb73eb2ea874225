import type { NotificationTarget } from '@ciba/contracts';
import { deliveryMetrics, flowMetrics } from '@ciba/metrics';
import type { NotificationRun, NotificationRunResult } from '../adapters/queue/notification-worker.ts';
import type { ClientNotification } from '../domain/client-notification.ts';
import { classifyAttempt } from '../domain/classify-attempt.ts';
import { notificationDeliveredEvent } from '../events/notification-delivered-event.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { finishFailed } from './finish-failed.ts';
import { prepareBody } from './prepare-body.ts';

const DONE: NotificationRunResult = { kind: 'done' };
const FAILED: NotificationRunResult = { kind: 'failed' };

/**
 * One delivery attempt of a pending notification whose lease the run holds: the target from
 * auth-endpoint and the endpoint from the directory, the body, the POST, the attempt's record. 2xx
 * delivers; a retryable answer asks for a retry until the last run, which fails the notification
 * (`attempts_exhausted`); a final answer fails it at once. A delivery is recorded in one statement. The
 * body is never stored or logged. `known` is the target when the caller has just read it.
 */
export async function attemptDelivery(deps: DeliveryDeps, n: ClientNotification, run: NotificationRun, known?: NotificationTarget): Promise<NotificationRunResult> {
  const log = { request_id: n.requestId, client_id: n.clientId, mode: n.mode, outcome: n.outcome, job_attempt: run.attempt };

  const target = known ?? (await deps.authRequests.getNotificationTarget(n.requestId));
  const endpoint = target ? (await deps.directory.getClient(n.clientId))?.backchannel_client_notification_endpoint : undefined;
  if (!target || !endpoint) {
    const errorCode = target ? 'no_endpoint' : 'no_target';
    const attempts = await deps.store.recordAttempt({ requestId: n.requestId, startedAt: deps.now(), latencyMs: 0, statusCode: null, errorCode, outcome: 'unreachable' });
    await finishFailed(deps, { notification: n, reason: 'unreachable', told: n.outcome, attempts, revokeTokens: false });
    return FAILED;
  }

  const prepared = await prepareBody(deps, n, target, run.final);
  if (prepared.kind === 'not_ready') {
    await deps.store.recordAttempt({ requestId: n.requestId, startedAt: deps.now(), latencyMs: 0, statusCode: null, errorCode: prepared.errorCode, outcome: 'retry' });
    deps.logger.info({ ...log, error_code: prepared.errorCode }, 'client notification not ready; will retry');
    return { kind: 'retry' };
  }

  const startedAt = deps.now();
  const started = performance.now();
  const result = await deps.send(endpoint, target.client_notification_token, prepared.body);
  const latencyMs = Math.round(performance.now() - started);
  const verdict = classifyAttempt(result);
  const exhausted = verdict.kind === 'retry' && run.final;
  const statusCode = 'status' in result ? result.status : null;
  const errorCode = 'error' in result ? result.error : null;
  const lastStatus = statusCode ?? n.lastStatus ?? undefined;
  const attempt = { requestId: n.requestId, startedAt, latencyMs, statusCode, errorCode };
  const attempted = (number: number) =>
    deps.logger.info({ ...log, attempt: number, status_code: statusCode ?? undefined, error_code: errorCode ?? undefined, latency_ms: latencyMs, verdict: verdict.kind }, 'client notification attempted');

  if (verdict.kind === 'delivered') {
    // The lease makes this run the only one counting attempts: this one is the next.
    const attempts = n.attempts + 1;
    const at = deps.now();
    await deps.store.recordDelivery({ ...attempt, outcome: 'delivered' }, at, notificationDeliveredEvent({ notification: n, told: prepared.told, attempts, lastStatus, latencyMs, at }));
    attempted(attempts);
    deliveryMetrics.notifications.inc({ mode: n.mode, result: 'delivered' });
    flowMetrics.outcome('notification_delivered');
    return DONE;
  }
  const attempts = await deps.store.recordAttempt({ ...attempt, outcome: verdict.kind === 'final' ? verdict.reason : exhausted ? 'attempts_exhausted' : verdict.kind });
  attempted(attempts);
  if (verdict.kind === 'retry' && !run.final) deliveryMetrics.notifications.inc({ mode: n.mode, result: 'retry' });
  if (verdict.kind === 'retry' && !run.final) return verdict.retryAfterMs === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterMs: verdict.retryAfterMs };
  await finishFailed(deps, {
    notification: n,
    reason: verdict.kind === 'final' ? verdict.reason : 'attempts_exhausted',
    told: prepared.told,
    attempts,
    lastStatus,
    revokeTokens: prepared.carriesTokens,
  });
  return FAILED;
}
