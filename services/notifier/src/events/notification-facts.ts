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
