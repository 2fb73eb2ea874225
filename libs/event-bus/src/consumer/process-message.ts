import { context } from '@opentelemetry/api';
import { TOPICS, type EventOf, type TopicName } from '@ciba/contracts';
import { deliveryMetrics } from '@ciba/metrics';
import type { EventHandler, MessageMeta } from '../event-bus.ts';
import type { EventBusLogger } from '../event-bus-logger.ts';
import { decodeMessage } from '../codec/decode-message.ts';
import type { DeadLetterFields } from './dead-letter-event.ts';
import { abortableSleep } from './abortable-sleep.ts';
import { retryDelay, type RetryPolicy } from './retry-policy.ts';
import { consumeInSpan } from '../tracing/consume-in-span.ts';
import { contextOfHeaders } from '../tracing/context-of-headers.ts';

/** One message as the broker handed it over. */
export interface Delivery {
  topic: TopicName;
  raw: string | Buffer | null | undefined;
  key: string;
  partition: number;
  position: string;
  /** Delivery count of this first try: 1, or more when redelivered after a crash. */
  attempt: number;
  /** The message's headers (trace context), decoded; absent when it had none. */
  headers?: Readonly<Record<string, string>>;
}

/** A subscription's way of handling messages, shared by both adapters. */
export interface MessageProcessor<T extends TopicName> {
  /** The broker, for the consumer span: `kafka` or `redis`. */
  system: string;
  group: string;
  handler: EventHandler<T>;
  maxAttempts: number;
  retry: RetryPolicy;
  logger: EventBusLogger;
  /** Aborted on close: retries stop and the message stays unacknowledged for redelivery. */
  signal: AbortSignal;
  /** Publishes the dead-letter event; resolves once the broker has it. */
  deadLetter(fields: DeadLetterFields): Promise<void>;
  /** Records a further delivery before a retry; returns its number, or null when the message is gone. */
  nextAttempt(attempt: number): Promise<number | null>;
}

/** `handled` and `dead_lettered` are acknowledged by the caller; `abandoned` is left for redelivery. */
export type Outcome = 'handled' | 'dead_lettered' | 'abandoned';

/**
 * Validates one message, runs the handler with retries and backoff, and dead-letters what is
 * unparseable, too large, off-contract, or still failing after `maxAttempts` deliveries.
 */
export async function processMessage<T extends TopicName>(processor: MessageProcessor<T>, delivery: Delivery): Promise<Outcome> {
  const { topic, key, partition, position } = delivery;
  const decoded = decodeMessage(topic, delivery.raw);
  if (!decoded.ok) {
    const { reason, detail, excerpt, originalId } = decoded;
    processor.logger.warn({ topic, group: processor.group, partition, position, reason }, 'rejected message dead-lettered');
    return deadLetter(processor, delivery, { reason, detail, excerpt, originalId, attempts: 0 });
  }
  const event = decoded.event as EventOf<T>;
  const excerpt = () => JSON.stringify(event).slice(0, 1024);
  let attempt = delivery.attempt;
  if (attempt > processor.maxAttempts) {
    const detail = `delivered ${attempt} times, more than the ${processor.maxAttempts} allowed`;
    return deadLetter(processor, delivery, { reason: 'handler_failed', detail, excerpt: excerpt(), originalId: event.id, attempts: attempt - 1 });
  }
  for (;;) {
    const meta: MessageMeta = { topic, key, partition, position, attempt, ...(delivery.headers ? { headers: delivery.headers } : {}) };
    const traced = { system: processor.system, topic, group: processor.group, key, partition, eventId: event.id, eventType: event.type, attempt, headers: delivery.headers };
    try {
      await consumeInSpan(traced, () => processor.handler(event, meta));
      return 'handled';
    } catch (err) {
      const log = { err, topic, group: processor.group, partition, position, eventId: event.id, attempt };
      if (attempt >= processor.maxAttempts) {
        processor.logger.error(log, 'handler failed past its retry budget; dead-lettered');
        const detail = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : 'handler rejected';
        return deadLetter(processor, delivery, { reason: 'handler_failed', detail, excerpt: excerpt(), originalId: event.id, attempts: attempt });
      }
      processor.logger.warn(log, 'handler failed; will retry');
    }
    await abortableSleep(retryDelay(processor.retry, attempt), processor.signal);
    if (processor.signal.aborted) return 'abandoned';
    const next = await processor.nextAttempt(attempt);
    if (next === null) return 'abandoned';
    attempt = next;
  }
}

type Rejection = Omit<DeadLetterFields, 'topic' | 'group' | 'key'>;

async function deadLetter<T extends TopicName>(processor: MessageProcessor<T>, delivery: Delivery, rejection: Rejection): Promise<Outcome> {
  const { topic, key, partition, position } = delivery;
  if (topic === TOPICS.deadLetters) {
    // Dead-lettering a dead letter would loop; the operator has the log line.
    processor.logger.error({ topic, group: processor.group, partition, position, reason: rejection.reason }, 'dead letter dropped');
    return 'dead_lettered';
  }
  // The dead letter carries on the trace of the message it replaces.
  await context.with(contextOfHeaders(delivery.headers), () => processor.deadLetter({ ...rejection, topic, group: processor.group, ...(key ? { key } : {}) }));
  deliveryMetrics.deadLetters.inc({ topic });
  return 'dead_lettered';
}
