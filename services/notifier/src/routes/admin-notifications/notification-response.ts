import type { Request, Response } from 'express';
import type { ClientNotification } from '../../domain/client-notification.ts';
import type { NotificationStore } from '../../domain/notification-store.ts';

/** Answers the loaded notification and its attempts as JSON (snake_case, ISO times, `no-store`). */
export function notificationResponse(store: Pick<NotificationStore, 'attempts'>) {
  return async (_req: Request, res: Response) => {
    const n = res.locals.notification as ClientNotification;
    const attempts = await store.attempts(n.requestId);
    res.set('Cache-Control', 'no-store').json({
      request_id: n.requestId,
      client_id: n.clientId,
      mode: n.mode,
      outcome: n.outcome,
      status: n.status,
      attempt_count: n.attempts,
      last_status: n.lastStatus,
      last_error: n.lastError,
      failure_reason: n.failureReason,
      decided_at: n.decidedAt.toISOString(),
      created_at: n.createdAt.toISOString(),
      updated_at: n.updatedAt.toISOString(),
      delivered_at: n.deliveredAt?.toISOString() ?? null,
      attempts: attempts.map((a) => ({
        attempt: a.attempt,
        started_at: a.startedAt.toISOString(),
        latency_ms: a.latencyMs,
        status_code: a.statusCode,
        error_code: a.errorCode,
        outcome: a.outcome,
      })),
    });
  };
}
