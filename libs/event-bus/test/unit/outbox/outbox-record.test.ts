import { context, trace } from '@opentelemetry/api';
import { TOPICS } from '@ciba/contracts';
import { outboxRecord } from '../../../src/outbox/outbox-record.ts';
import { outboxRowMessage } from '../../../src/outbox/outbox-row-message.ts';
import { traceContextColumn } from '../../../src/outbox/trace-context-column.ts';
import { contextOfHeaders } from '../../../src/tracing/context-of-headers.ts';
import { memoryTracing } from '../../support/memory-tracing.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';

describe('outbox record → trace_context column → relayed message headers', () => {
  let tracing: ReturnType<typeof memoryTracing>;
  beforeAll(() => {
    tracing = memoryTracing();
  });
  afterAll(() => tracing.stop());

  const event = sampleTokenEvent('req-1', 1);
  const rowOf = (column: string | null) => ({ seq: '1', id: event.id, topic: TOPICS.tokens as string, key: 'req-1', envelope: JSON.stringify(event), trace_context: column });

  test('a record made inside a span stores that span\'s context, and the relayed message carries it as headers', () => {
    const span = tracing.tracer.startSpan('bc-authorize');
    const record = context.with(trace.setSpan(context.active(), span), () => outboxRecord(TOPICS.tokens, event));
    span.end();
    const column = traceContextColumn(record);
    expect(JSON.parse(column ?? 'null')).toEqual({ traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01` });
    const { message } = outboxRowMessage(rowOf(column), '/s');
    expect(trace.getSpanContext(contextOfHeaders(message.headers))).toMatchObject({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
  });

  test('a record made outside any span has no trace context: the column is null and the message has no headers', () => {
    const record = outboxRecord(TOPICS.tokens, event);
    expect(record).not.toHaveProperty('traceContext');
    expect(traceContextColumn(record)).toBeNull();
    expect(outboxRowMessage(rowOf(null), '/s').message.headers).toEqual({});
  });
});
