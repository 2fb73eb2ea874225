import { CLIENT_NOTIFICATION_DELIVERED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import { NOTIFIER_EVENT_SOURCE } from './event-source.ts';
import type { NotificationFacts } from './notification-facts.ts';

/** `ciba.client_notification.delivered.v1`: the client's endpoint answered 2xx. */
export function notificationDeliveredEvent(facts: NotificationFacts & { latencyMs: number }): OutboxRecord {
  const { notification: n } = facts;
  const event = newEvent(TOPICS.clientNotifications, {
    type: CLIENT_NOTIFICATION_DELIVERED_V1,
    source: NOTIFIER_EVENT_SOURCE,
    subject: n.requestId,
    time: facts.at,
    data: {
      request_id: n.requestId,
      client_id: n.clientId,
      mode: n.mode,
      outcome: facts.told,
      attempts: Math.max(1, facts.attempts),
      ...(facts.lastStatus !== undefined ? { last_status: facts.lastStatus } : {}),
      latency_ms: Math.max(0, Math.round(facts.latencyMs)),
    },
  });
  return outboxRecord(TOPICS.clientNotifications, event);
}
