import type { ClientNotification, FailureReason } from '../../domain/client-notification.ts';
import type { ClientNotification as ClientNotificationRow } from './generated/client.ts';

/** Maps a stored row to the domain entity. */
export function toClientNotification(row: ClientNotificationRow): ClientNotification {
  return {
    requestId: row.requestId,
    clientId: row.clientId,
    mode: row.mode,
    outcome: row.outcome,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    failureReason: row.failureReason as FailureReason | null,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deliveredAt: row.deliveredAt,
    leaseUntil: row.leaseUntil,
  };
}
