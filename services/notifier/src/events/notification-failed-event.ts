import { CLIENT_NOTIFICATION_FAILED_V1, TOPICS } from '@ciba/contracts';
import { newEvent, outboxRecord, type OutboxRecord } from '@ciba/event-bus';
import type { FailureReason } from '../domain/client-notification.ts';
import { NOTIFIER_EVENT_SOURCE } from './event-source.ts';
import type { NotificationFacts } from './notification-facts.ts';

/** `ciba.client_notification.failed.v1`: a final answer, a refused endpoint, or attempts exhausted. */
export function notificationFailedEvent(facts: NotificationFacts & { reason: FailureReason }): OutboxRecord {
  const { notification: n } = facts;
  const event = newEvent(TOPICS.clientNotifications, {
    type: CLIENT_NOTIFICATION_FAILED_V1,
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
      reason: facts.reason,
    },
  });
  return outboxRecord(TOPICS.clientNotifications, event);
}
