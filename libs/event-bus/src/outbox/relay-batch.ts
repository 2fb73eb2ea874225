import type { EventBus } from '../event-bus.ts';
import type { EventBusLogger } from '../event-bus-logger.ts';
import { outboxRowMessage } from './outbox-row-message.ts';
import type { OutboxTable } from './outbox-table.ts';

/** Rows relayed, or the bus' error (nothing marked; the rows go out on a later attempt). */
export type BatchResult = { relayed: number } | { publishFailed: unknown };

/**
 * Publishes the oldest unpublished rows in `seq` order, then marks them published (at least once:
 * a crash in between publishes them again). Database errors propagate; a bus failure is returned.
 */
export async function relayBatch(table: OutboxTable, bus: EventBus, logger: EventBusLogger, batchSize: number, source: string): Promise<BatchResult> {
  const rows = await table.unpublished(batchSize);
  if (rows.length === 0) return { relayed: 0 };
  const messages = rows.map((row) => {
    const { message, rejected } = outboxRowMessage(row, source);
    if (rejected) logger.error({ seq: row.seq, id: row.id, topic: row.topic, reason: rejected }, 'outbox row off-contract; dead-lettered');
    return message;
  });
  try {
    await bus.publish(messages);
  } catch (publishFailed) {
    return { publishFailed };
  }
  await table.markPublished(rows.map((row) => row.seq));
  return { relayed: rows.length };
}
