import { CLIENT_NOTIFICATION_FAILED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { FailureReason } from '../domain/client-notification.ts';
import { NOTIFIER_EVENT_SOURCE } from './event-source.ts';
import { notificationData, type NotificationFacts } from './notification-facts.ts';

/** `ciba.client_notification.failed.v1`: a final answer, a refused endpoint, or attempts exhausted. */
export function notificationFailedEvent(facts: NotificationFacts & { reason: FailureReason }): OutboxRecord {
  const event = newEvent(TOPICS.clientNotifications, {
    type: CLIENT_NOTIFICATION_FAILED_V1,
    source: NOTIFIER_EVENT_SOURCE,
    subject: facts.notification.requestId,
    time: facts.at,
    data: {
      ...notificationData(facts),
      reason: facts.reason,
    },
  });
  return outboxRecord(TOPICS.clientNotifications, event);
}
