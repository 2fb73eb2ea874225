import type { OutboxRecord } from '@ciba/event-bus';
import type { PromptStore } from '../../domain/prompt-store.ts';
import type { ConsentDb, Prisma } from './prisma-client.ts';
import { toConsentPrompt } from './to-consent-prompt.ts';

const outboxRow = (record: OutboxRecord) => ({
  id: record.id,
  topic: record.topic,
  key: record.key,
  envelope: record.envelope as Prisma.InputJsonValue,
});

/**
 * `consent_prompts`, `prompt_deliveries`, `processed_events` and `outbox_events` through Prisma. Every
 * transition is a conditional UPDATE on the current state, so concurrent writers cannot both win, and
 * its outbox row commits with it or not at all.
 */
export function promptRepository(db: ConsentDb): PromptStore {
  return {
    async recordCreated(group, eventId, prompt) {
      return db.$transaction(async (tx) => {
        await tx.processedEvent.createMany({ data: [{ consumerGroup: group, eventId }], skipDuplicates: true });
        await tx.consentPrompt.createMany({
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
              deliveryStatus: prompt.deliveryStatus,
            },
          ],
          skipDuplicates: true,
        });
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
  };
}
