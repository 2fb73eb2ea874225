import type { ClientNotification } from '../domain/client-notification.ts';

/** What a notification event says of the notification: identifiers, counts and the last status only. */
export interface NotificationFacts {
  notification: ClientNotification;
  /** What the client was told: the outcome, or `failed` when a push carried `transaction_failed`. */
  told: 'approved' | 'denied' | 'expired' | 'failed';
  attempts: number;
  lastStatus?: number;
  at: Date;
}

/** The fields every client-notification event carries (contracts' `clientNotificationData`). */
export function notificationData(facts: NotificationFacts) {
  const { notification: n } = facts;
  return {
    request_id: n.requestId,
    client_id: n.clientId,
    mode: n.mode,
    outcome: facts.told,
    attempts: Math.max(1, facts.attempts),
    ...(facts.lastStatus !== undefined ? { last_status: facts.lastStatus } : {}),
  };
}
