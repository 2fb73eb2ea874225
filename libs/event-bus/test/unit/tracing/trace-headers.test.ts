import { context, trace } from '@opentelemetry/api';
import { contextOfHeaders } from '../../../src/tracing/context-of-headers.ts';
import { traceHeaders } from '../../../src/tracing/trace-headers.ts';
import { memoryTracing } from '../../support/memory-tracing.ts';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('traceHeaders and contextOfHeaders, tracing off (no SDK registered)', () => {
  test('nothing is injected and nothing extracted', () => {
    expect(traceHeaders()).toBeUndefined();
    const extracted = contextOfHeaders({ traceparent: TRACEPARENT });
    expect(trace.getSpanContext(extracted)).toBeUndefined();
  });
});

describe('traceHeaders and contextOfHeaders, tracing on', () => {
  let tracing: ReturnType<typeof memoryTracing>;
  beforeAll(() => {
    tracing = memoryTracing();
  });
  afterAll(() => tracing.stop());

  test('no active span: no headers', () => {
    expect(traceHeaders()).toBeUndefined();
  });

  test("the active span's W3C context round-trips through headers", () => {
    const span = tracing.tracer.startSpan('work');
    const headers = context.with(trace.setSpan(context.active(), span), () => traceHeaders());
    span.end();
    expect(headers?.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    const carried = trace.getSpanContext(contextOfHeaders(headers));
    expect(carried).toMatchObject({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, isRemote: true });
  });

  test('tracestate travels with traceparent; a malformed traceparent carries nothing', () => {
    const extracted = contextOfHeaders({ traceparent: TRACEPARENT, tracestate: 'vendor=abc' });
    expect(traceHeaders(extracted)).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=abc' });
    expect(trace.getSpanContext(contextOfHeaders({ traceparent: 'nonsense' }))).toBeUndefined();
  });
});
