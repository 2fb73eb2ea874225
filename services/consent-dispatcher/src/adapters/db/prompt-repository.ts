import type { OutboxRecord } from '@ciba/event-bus';
import type { ExpiringPrompt, PromptStore } from '../../domain/prompt-store.ts';
import { Prisma, type ConsentDb } from './prisma-client.ts';
import { toConsentPrompt } from './to-consent-prompt.ts';

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

interface ExpiredRow {
  prompt_id: string;
  request_id: string;
  client_id: string;
  sub: string;
  expires_at: Date;
}

const outboxRow = (record: OutboxRecord) => ({
  id: record.id,
  topic: record.topic,
  key: record.key,
  envelope: record.envelope as Prisma.InputJsonValue,
});

/**
 * `consent_prompts`, `prompt_deliveries`, `processed_events` and `outbox_events` through Prisma. Every
 * transition is a conditional UPDATE on the current state, so concurrent writers cannot both win, and
 * its outbox row commits with it or not at all. `schema` qualifies the one raw statement (the sweep).
 */
export function promptRepository(db: ConsentDb, schema: string): PromptStore {
  const prompts = Prisma.raw(`${quote(schema)}."consent_prompts"`);
  return {
    async recordCreated(group, eventId, prompt, expiredEvent) {
      const expired = prompt.deliveryStatus === 'expired';
      if (expired && !expiredEvent) throw new TypeError('an expired prompt is stored with its expired event');
      return db.$transaction(async (tx) => {
        await tx.processedEvent.createMany({ data: [{ consumerGroup: group, eventId }], skipDuplicates: true });
        const { count } = await tx.consentPrompt.createMany({
          data: [
            {
              promptId: prompt.promptId,
              requestId: prompt.requestId,
              clientId: prompt.clientId,
              sub: prompt.sub,
              scope: prompt.scope,
              bindingMessage: prompt.bindingMessage ?? null,
              acrValues: prompt.acrValues ?? null,
              expiresAt: prompt.expiresAt,
              status: expired ? 'expired' : 'pending',
              deliveryStatus: prompt.deliveryStatus,
            },
          ],
          skipDuplicates: true,
        });
        if (count === 1 && expired && expiredEvent) await tx.outboxEvent.create({ data: outboxRow(expiredEvent) });
        return toConsentPrompt(await tx.consentPrompt.findUniqueOrThrow({ where: { requestId: prompt.requestId } }));
      });
    },

    async findById(promptId) {
      const row = await db.consentPrompt.findUnique({ where: { promptId } });
      return row && toConsentPrompt(row);
    },

    async rotateTokenHash(promptId, hash) {
      const { count } = await db.consentPrompt.updateMany({ where: { promptId, status: 'pending' }, data: { decisionTokenHash: hash } });
      return count === 1;
    },

    async recordAttempt(attempt) {
      await db.promptDelivery.create({ data: { ...attempt, statusCode: attempt.statusCode ?? null } });
    },

    async markDelivered(promptId, at, event) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.consentPrompt.updateMany({
          where: { promptId, deliveryStatus: 'queued' },
          data: { deliveryStatus: 'delivered', deliveredAt: at },
        });
        if (count === 1) await tx.outboxEvent.create({ data: outboxRow(event) });
        return count === 1;
      });
    },

    async markUndeliverable(promptId, failure, event) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.consentPrompt.updateMany({
          where: { promptId, deliveryStatus: 'queued' },
          data: { deliveryStatus: 'undeliverable', deliveryFailure: failure },
        });
        if (count === 1) await tx.outboxEvent.create({ data: outboxRow(event) });
        return count === 1;
      });
    },

    async markExpired(promptId) {
      await db.consentPrompt.updateMany({ where: { promptId, deliveryStatus: 'queued' }, data: { deliveryStatus: 'expired' } });
    },

    async decide(promptId, status, decidedAt, event) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.consentPrompt.updateMany({
          where: { promptId, status: 'pending', expiresAt: { gt: decidedAt } },
          data: { status, decidedAt },
        });
        if (count === 1) await tx.outboxEvent.create({ data: outboxRow(event) });
        return count === 1;
      });
    },

    async expireDue(now, limit, expiredEvent) {
      return db.$transaction(async (tx) => {
        // One conditional UPDATE from `pending`: rows locked by a concurrent decision or sweeper are
        // skipped (taken next round if still pending), rows decided meanwhile no longer match.
        const rows = await tx.$queryRaw<ExpiredRow[]>`
          UPDATE ${prompts} p
             SET status = 'expired',
                 delivery_status = CASE WHEN p.delivery_status = 'queued' THEN 'expired' ELSE p.delivery_status END
            FROM (SELECT prompt_id FROM ${prompts}
                   WHERE status = 'pending' AND expires_at <= ${now}
                   ORDER BY expires_at
                   LIMIT ${limit}
                   FOR UPDATE SKIP LOCKED) due
           WHERE p.prompt_id = due.prompt_id AND p.status = 'pending'
       RETURNING p.prompt_id, p.request_id::text AS request_id, p.client_id, p.sub, p.expires_at`;
        const expired: ExpiringPrompt[] = rows.map((r) => ({
          promptId: r.prompt_id,
          requestId: r.request_id,
          clientId: r.client_id,
          sub: r.sub,
          expiresAt: new Date(r.expires_at),
        }));
        if (expired.length > 0) await tx.outboxEvent.createMany({ data: expired.map((p) => outboxRow(expiredEvent(p))) });
        return expired;
      });
    },

    async listAwaitingDelivery(now, afterId, limit) {
      const rows = await db.consentPrompt.findMany({
        where: { status: 'pending', deliveryStatus: 'queued', expiresAt: { gt: now }, ...(afterId !== undefined ? { promptId: { gt: afterId } } : {}) },
        orderBy: { promptId: 'asc' },
        take: limit,
        select: { promptId: true },
      });
      return rows.map((r) => r.promptId);
    },
  };
}
