import type { OutboxRecord } from '@ciba/event-bus';
import type { ClientNotification, FailureReason, NotificationAttempt, NotificationMode, NotificationOutcome } from './client-notification.ts';

export interface NewNotification {
  requestId: string;
  clientId: string;
  mode: NotificationMode;
  outcome: NotificationOutcome;
  decidedAt: Date;
}

export type NewAttempt = Omit<NotificationAttempt, 'attempt'> & { requestId: string };

/** The lease a new notification is inserted with: the run that makes its first attempt holds it. */
export interface NotificationLease {
  owner: string;
  until: Date;
}

/** The request's notification, and whether it was inserted just now under the lease asked for. */
export interface RecordedDecision {
  notification: ClientNotification;
  leased: boolean;
}

/** Persistence of notifications and their attempts (PostgreSQL, the source of truth). */
export interface NotificationStore {
  /**
   * In one statement: records `(group, eventId)` as processed and inserts the notification unless
   * the request already has one (the first outcome wins), held by `lease` when given. Answers the
   * request's notification, and `leased` when this call inserted it under `lease`.
   */
  recordDecision(group: string, eventId: string, notification: NewNotification, lease?: NotificationLease): Promise<RecordedDecision>;
  find(requestId: string): Promise<ClientNotification | null>;
  attempts(requestId: string): Promise<NotificationAttempt[]>;
  /**
   * Takes the lease of a pending notification for one delivery run until `until`: false when it is not
   * pending or another run holds an unexpired lease. So two runs of one notification (a job revived
   * while its lost predecessor still runs) never send at once.
   */
  claim(requestId: string, runId: string, until: Date): Promise<boolean>;
  /** Gives the lease back (when `runId` still holds it). */
  release(requestId: string, runId: string): Promise<void>;
  /** Appends an attempt (numbered after the previous ones) and updates the counters; answers its number. */
  recordAttempt(attempt: NewAttempt): Promise<number>;
  /**
   * A delivered attempt in one statement: the attempt appended, the counters updated, pending →
   * delivered with its outbox event, the lease dropped. False (nothing written) when it was no
   * longer pending.
   */
  recordDelivery(attempt: NewAttempt, at: Date, event: OutboxRecord): Promise<boolean>;
  /** pending → delivered with its outbox event; false when it was no longer pending. */
  markDelivered(requestId: string, at: Date, event: OutboxRecord): Promise<boolean>;
  /** pending → failed (the dead-letter record) with its outbox event; false when it was no longer pending. */
  markFailed(requestId: string, reason: FailureReason, event: OutboxRecord): Promise<boolean>;
  /**
   * Ids of pending notifications that no run holds (no lease, or one that ended before `now`), in id
   * order, after `after` (a page of at most `limit`).
   */
  listPending(limit: number, after?: string, now?: Date): Promise<string[]>;
}
