import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { OutgoingMessage } from '../event-bus.ts';
import { busTracer } from './bus-tracer.ts';
import { contextOfHeaders } from './context-of-headers.ts';
import { errorName } from './error-name.ts';
import { requestIdAttribute } from './request-id-attribute.ts';
import { traceHeaders } from './trace-headers.ts';

/** PRODUCER spans of messages being published, ended together once the publish settled. */
export interface PublishSpans {
  messages: OutgoingMessage[];
  end(error?: unknown): void;
}

/**
 * For each message that carries a trace context (an outbox row written inside a trace), a PRODUCER
 * span `<topic> publish`, child of that context, whose own context replaces the message's headers:
 * the consumer's span becomes its child. Messages without one go as they are; with tracing off
 * nothing is created.
 */
export function publishSpans(messages: readonly OutgoingMessage[], system = 'outbox'): PublishSpans {
  const spans: Span[] = [];
  const traced = messages.map((message) => {
    if (!message.headers?.traceparent) return message;
    const parent = contextOfHeaders(message.headers);
    const span = busTracer().startSpan(`${message.topic} publish`, { kind: SpanKind.PRODUCER }, parent);
    if (!span.isRecording()) return message;
    span.setAttributes({
      'messaging.system': system,
      'messaging.operation.type': 'send',
      'messaging.destination.name': message.topic,
      'messaging.message.id': message.event.id,
      'ciba.event.type': message.event.type,
      ...requestIdAttribute(message.topic, message.key),
    });
    spans.push(span);
    return { ...message, headers: traceHeaders(trace.setSpan(parent, span)) ?? message.headers };
  });
  return {
    messages: traced,
    end(error?: unknown) {
      for (const span of spans) {
        if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: errorName(error) });
        span.end();
      }
    },
  };
}
