import { schemaOfTopic, type TopicName } from '@ciba/contracts';
import { deliveryMetrics } from '@ciba/metrics';
import type { EventBus } from '../event-bus.ts';
import type { EventBusLogger } from '../event-bus-logger.ts';
import { outboxRowMessage } from './outbox-row-message.ts';
import type { OutboxRow } from './outbox-table.ts';
import { publishSpans } from '../tracing/publish-spans.ts';

/** The `seq`s the bus now has (to be marked published), or the bus' error (nothing to mark). */
export type BatchResult = { published: string[] } | { publishFailed: unknown };

/**
 * Publishes fetched rows, oldest first, in one `bus.publish` (one pipelined round trip on Redis);
 * an off-contract row goes out as a dead letter in its place. The caller marks them published
 * afterwards (at least once: a crash in between publishes them again). A bus failure is returned.
 * A row written inside a trace is published in a PRODUCER span of that trace (`publishSpans`).
 */
export async function relayBatch(rows: readonly OutboxRow[], bus: EventBus, logger: EventBusLogger, source: string): Promise<BatchResult> {
  const deadLettered: string[] = [];
  const messages = rows.map((row) => {
    const { message, rejected } = outboxRowMessage(row, source);
    if (rejected) {
      logger.error({ seq: row.seq, id: row.id, topic: row.topic, reason: rejected }, 'outbox row off-contract; dead-lettered');
      // The label stays bounded: a row's topic that is no topic of ours counts as `unknown`.
      deadLettered.push(schemaOfTopic(row.topic as TopicName) ? row.topic : 'unknown');
    }
    return message;
  });
  const spans = publishSpans(messages);
  try {
    await bus.publish(spans.messages);
  } catch (publishFailed) {
    spans.end(publishFailed);
    return { publishFailed };
  }
  spans.end();
  for (const topic of deadLettered) deliveryMetrics.deadLetters.inc({ topic });
  return { published: rows.map((row) => row.seq) };
}
