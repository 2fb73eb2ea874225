import { decodeHeaders } from '@ciba/event-bus';
import type { ClientNotification, FailureReason } from '../../domain/client-notification.ts';
import type { ClientNotification as ClientNotificationRow } from './generated/client.ts';

/** What the entity is read from: a Prisma row, or a pool query's row with the same names (no lease owner). */
export type ClientNotificationFields = Omit<ClientNotificationRow, 'leaseOwner'>;

/** Maps a stored row to the domain entity. */
export function toClientNotification(row: ClientNotificationFields): ClientNotification {
  const traceContext = decodeHeaders(row.traceContext);
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
    ...(traceContext ? { traceContext } : {}),
  };
}
