import type { Prisma } from './prisma-client.ts';

/** Consumer idempotency (`processed_events`): one row per (group, event id) handled. */
export interface ProcessedEventStore {
  /**
   * Records the event as handled; false when it already was. Call inside the transaction of the
   * effect, first, so a replay commits nothing twice.
   */
  record(group: string, eventId: string): Promise<boolean>;
}

/** `processed_events` through Prisma; `db` is the consumer's transaction. */
export function processedEventRepository(db: Prisma.TransactionClient): ProcessedEventStore {
  return {
    async record(group, eventId) {
      const { count } = await db.processedEvent.createMany({ data: [{ consumerGroup: group, eventId }], skipDuplicates: true });
      return count === 1;
    },
  };
}
