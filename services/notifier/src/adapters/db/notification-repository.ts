import type { OutboxRecord } from '@ciba/event-bus';
import type { NotificationStore } from '../../domain/notification-store.ts';
import type { NotifierDb, Prisma } from './prisma-client.ts';
import { toClientNotification } from './to-client-notification.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const outboxRow = (event: OutboxRecord) => ({ id: event.id, topic: event.topic, key: event.key, envelope: event.envelope as Prisma.InputJsonObject });

/** `client_notifications`, `notification_attempts`, `processed_events` and `outbox_events` through Prisma. */
export function notificationRepository(db: NotifierDb): NotificationStore {
  return {
    async recordDecision(group, eventId, n) {
      const row = await db.$transaction(async (tx) => {
        await tx.processedEvent.createMany({ data: [{ consumerGroup: group, eventId }], skipDuplicates: true });
        await tx.clientNotification.createMany({
          data: [{ requestId: n.requestId, clientId: n.clientId, mode: n.mode, outcome: n.outcome, decidedAt: n.decidedAt }],
          skipDuplicates: true,
        });
        return tx.clientNotification.findUniqueOrThrow({ where: { requestId: n.requestId } });
      });
      return toClientNotification(row);
    },

    async find(requestId) {
      if (!UUID.test(requestId)) return null;
      const row = await db.clientNotification.findUnique({ where: { requestId } });
      return row && toClientNotification(row);
    },

    async attempts(requestId) {
      const rows = await db.notificationAttempt.findMany({ where: { requestId }, orderBy: [{ attempt: 'asc' }, { id: 'asc' }] });
      return rows.map(({ attempt, startedAt, latencyMs, statusCode, errorCode, outcome }) => ({ attempt, startedAt, latencyMs, statusCode, errorCode, outcome }));
    },

    async claim(requestId, runId, until) {
      const { count } = await db.clientNotification.updateMany({
        where: { requestId, status: 'pending', OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
        data: { leaseOwner: runId, leaseUntil: until },
      });
      return count === 1;
    },

    async release(requestId, runId) {
      await db.clientNotification.updateMany({ where: { requestId, leaseOwner: runId }, data: { leaseOwner: null, leaseUntil: null } });
    },

    async recordAttempt(a) {
      return db.$transaction(async (tx) => {
        const row = await tx.clientNotification.update({
          where: { requestId: a.requestId },
          data: {
            attempts: { increment: 1 },
            ...(a.statusCode !== null ? { lastStatus: a.statusCode } : {}),
            lastError: a.errorCode,
          },
          select: { attempts: true },
        });
        await tx.notificationAttempt.create({
          data: {
            requestId: a.requestId,
            attempt: row.attempts,
            startedAt: a.startedAt,
            latencyMs: a.latencyMs,
            statusCode: a.statusCode,
            errorCode: a.errorCode,
            outcome: a.outcome,
          },
        });
        return row.attempts;
      });
    },

    async markDelivered(requestId, at, event) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.clientNotification.updateMany({ where: { requestId, status: 'pending' }, data: { status: 'delivered', deliveredAt: at, leaseOwner: null, leaseUntil: null } });
        if (count === 1) await tx.outboxEvent.create({ data: outboxRow(event) });
        return count === 1;
      });
    },

    async markFailed(requestId, reason, event) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.clientNotification.updateMany({ where: { requestId, status: 'pending' }, data: { status: 'failed', failureReason: reason, leaseOwner: null, leaseUntil: null } });
        if (count === 1) await tx.outboxEvent.create({ data: outboxRow(event) });
        return count === 1;
      });
    },

    async listPending(limit, after) {
      const rows = await db.clientNotification.findMany({
        where: { status: 'pending', ...(after ? { requestId: { gt: after } } : {}) },
        orderBy: { requestId: 'asc' },
        take: limit,
        select: { requestId: true },
      });
      return rows.map((r) => r.requestId);
    },
  };
}
