/** CIBA Core §10.2 ping or §10.3 push. */
export type NotificationMode = 'ping' | 'push';
/** What the client is notified of. */
export type NotificationOutcome = 'approved' | 'denied' | 'expired';
export type NotificationStatus = 'pending' | 'delivered' | 'failed';
/** Why a notification failed for good (also the `reason` of `ciba.client_notification.failed.v1`). */
export type FailureReason = 'rejected' | 'redirected' | 'attempts_exhausted' | 'unreachable' | 'endpoint_not_allowed';

/** One notification of one request (`client_notifications`): identifiers and delivery state, no secrets. */
export interface ClientNotification {
  requestId: string;
  clientId: string;
  mode: NotificationMode;
  outcome: NotificationOutcome;
  status: NotificationStatus;
  /** HTTP attempts made so far. */
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  failureReason: FailureReason | null;
  decidedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  /** Until when a delivery run holds the notification, if one does. */
  leaseUntil: Date | null;
  /** The auth request's trace (W3C `traceparent`, `tracestate`) the callback attempts join; absent with tracing off. */
  traceContext?: Readonly<Record<string, string>>;
}

/** One delivery attempt (`notification_attempts`). */
export interface NotificationAttempt {
  attempt: number;
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  errorCode: string | null;
  outcome: string;
}
