import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { TOPICS } from '@ciba/contracts';
import { publishSpans } from '../../../src/tracing/publish-spans.ts';
import { memoryTracing } from '../../support/memory-tracing.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const ROW_SPAN = 'b7ad6b7169203331';

describe('publishSpans (the outbox relay)', () => {
  let tracing: ReturnType<typeof memoryTracing>;
  beforeAll(() => {
    tracing = memoryTracing();
  });
  afterAll(() => tracing.stop());
  beforeEach(() => tracing.exporter.reset());

  const traced = { topic: TOPICS.tokens, key: 'req-1', event: sampleTokenEvent('req-1', 1), headers: { traceparent: `00-${TRACE_ID}-${ROW_SPAN}-01` } };
  const untraced = { topic: TOPICS.tokens, key: 'req-2', event: sampleTokenEvent('req-2', 1), headers: {} };

  test("a row's message goes out in a PRODUCER span child of the row's context, whose context replaces its headers", () => {
    const spans = publishSpans([traced, untraced]);
    spans.end();
    const [span] = tracing.exporter.getFinishedSpans();
    expect(tracing.exporter.getFinishedSpans()).toHaveLength(1);
    expect(span).toMatchObject({ name: 'ciba.tokens publish', kind: SpanKind.PRODUCER });
    expect(span!.parentSpanContext?.spanId).toBe(ROW_SPAN);
    expect(span!.attributes).toMatchObject({ 'messaging.destination.name': TOPICS.tokens, 'messaging.message.id': traced.event.id, 'ciba.request_id': 'req-1' });
    expect(spans.messages[0]!.headers).toEqual({ traceparent: `00-${TRACE_ID}-${span!.spanContext().spanId}-01` });
    expect(spans.messages[1]).toBe(untraced);
  });

  test('a failed publish ends the spans with an error named by class', () => {
    publishSpans([traced]).end(new RangeError('broker said no'));
    expect(tracing.exporter.getFinishedSpans()[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'RangeError' });
  });
});
