import { CLIENT_NOTIFICATION_DELIVERED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import { NOTIFIER_EVENT_SOURCE } from './event-source.ts';
import { notificationData, type NotificationFacts } from './notification-facts.ts';

/** `ciba.client_notification.delivered.v1`: the client's endpoint answered 2xx. */
export function notificationDeliveredEvent(facts: NotificationFacts & { latencyMs: number }): OutboxRecord {
  const event = newEvent(TOPICS.clientNotifications, {
    type: CLIENT_NOTIFICATION_DELIVERED_V1,
    source: NOTIFIER_EVENT_SOURCE,
    subject: facts.notification.requestId,
    time: facts.at,
    data: {
      ...notificationData(facts),
      latency_ms: Math.max(0, Math.round(facts.latencyMs)),
    },
  });
  return outboxRecord(TOPICS.clientNotifications, event);
}
