import { deliveryMetrics, flowMetrics } from '@ciba/metrics';
import type { ClientNotification, FailureReason } from '../domain/client-notification.ts';
import { notificationFailedEvent } from '../events/notification-failed-event.ts';
import type { NotificationFacts } from '../events/notification-facts.ts';
import type { DeliveryDeps } from './delivery-deps.ts';

export interface FailedDelivery {
  notification: ClientNotification;
  reason: FailureReason;
  told: NotificationFacts['told'];
  attempts: number;
  lastStatus?: number;
  /** The last push carried tokens: revoke them, since the client cannot be relied on to hold them. */
  revokeTokens: boolean;
}

/**
 * Ends a notification for good: revokes a refused push's tokens, then marks the row failed (the
 * dead-letter record) with `ciba.client_notification.failed.v1` in the same transaction.
 */
export async function finishFailed(deps: DeliveryDeps, f: FailedDelivery): Promise<void> {
  const log = { request_id: f.notification.requestId, client_id: f.notification.clientId, mode: f.notification.mode, reason: f.reason, attempts: f.attempts };
  if (f.revokeTokens) {
    try {
      await deps.tokenIssuer.revokePushTokens(f.notification.requestId);
    } catch (err) {
      deps.logger.error({ ...log, err }, 'tokens of a failed push could not be revoked');
    }
  }
  const event = notificationFailedEvent({ notification: f.notification, told: f.told, attempts: f.attempts, lastStatus: f.lastStatus, reason: f.reason, at: deps.now() });
  await deps.store.markFailed(f.notification.requestId, f.reason, event);
  deliveryMetrics.notifications.inc({ mode: f.notification.mode, result: 'failed' });
  flowMetrics.outcome('notification_failed');
  deps.logger.warn(log, 'client notification failed');
}
