import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { busTracer } from './bus-tracer.ts';
import { contextOfHeaders } from './context-of-headers.ts';
import { errorName } from './error-name.ts';
import { requestIdAttribute } from './request-id-attribute.ts';

/** What a consumer span says of one delivery: identifiers only. */
export interface ConsumedMessage {
  /** `kafka` or `redis`. */
  system: string;
  topic: string;
  group: string;
  /** The partition key: the auth request's internal id on the request topics (else not recorded: a `sub` keys operator changes). */
  key: string;
  partition: number;
  eventId: string;
  eventType: string;
  attempt: number;
  headers?: Readonly<Record<string, string>>;
}

/**
 * Runs one handler attempt inside a CONSUMER span `<topic> process`, child of the trace context
 * the message carries (so the handler's outbox rows and calls carry it on). With tracing off the
 * span is the API's no-op and no attribute is even built.
 */
export function consumeInSpan<R>(message: ConsumedMessage, handle: () => Promise<R>): Promise<R> {
  const parent = contextOfHeaders(message.headers);
  const span = busTracer().startSpan(`${message.topic} process`, { kind: SpanKind.CONSUMER }, parent);
  if (span.isRecording()) {
    span.setAttributes({
      'messaging.system': message.system,
      'messaging.operation.type': 'process',
      'messaging.destination.name': message.topic,
      'messaging.consumer.group.name': message.group,
      'messaging.destination.partition.id': String(message.partition),
      'messaging.message.id': message.eventId,
      'ciba.event.type': message.eventType,
      ...requestIdAttribute(message.topic, message.key),
      'ciba.delivery.attempt': message.attempt,
    });
  }
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await handle();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorName(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
