import type { FailureReason } from './client-notification.ts';

/** What one attempt's result means for the notification. */
export type DeliveryVerdict =
  | { kind: 'delivered' }
  /** Try again later; `retryAfterMs` is the client's `Retry-After`, the minimum wait. */
  | { kind: 'retry'; retryAfterMs?: number }
  | { kind: 'final'; reason: Extract<FailureReason, 'rejected' | 'redirected' | 'endpoint_not_allowed'> };
