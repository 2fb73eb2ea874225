import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TOPICS } from '@ciba/contracts';
import { processMessage, type MessageProcessor } from '../../../src/consumer/process-message.ts';
import { outboxRecord } from '../../../src/outbox/outbox-record.ts';
import { memoryTracing } from '../../support/memory-tracing.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';
import { testLogger } from '../../support/test-logger.ts';

type Tokens = typeof TOPICS.tokens;
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';

describe('consumer spans (processMessage)', () => {
  let tracing: ReturnType<typeof memoryTracing>;
  beforeAll(() => {
    tracing = memoryTracing();
  });
  afterAll(() => tracing.stop());
  beforeEach(() => tracing.exporter.reset());

  const event = sampleTokenEvent('req-9', 1);
  const processor = (handler: MessageProcessor<Tokens>['handler']): MessageProcessor<Tokens> => ({
    system: 'redis',
    group: 'token.ciba-grants',
    handler,
    maxAttempts: 2,
    retry: { initialMs: 1, maxMs: 1 },
    logger: testLogger,
    signal: new AbortController().signal,
    deadLetter: async () => {},
    nextAttempt: async (attempt) => attempt + 1,
  });
  const delivery = { topic: TOPICS.tokens, raw: JSON.stringify(event), key: 'req-9', partition: 3, position: '7', attempt: 1, headers: { traceparent: `00-${TRACE_ID}-${PARENT}-01` } };

  test("the handler runs in a CONSUMER span, child of the message's context; its outbox records carry that span", async () => {
    let record: ReturnType<typeof outboxRecord> | undefined;
    let meta: unknown;
    const outcome = await processMessage(
      processor(async (_event, m) => {
        meta = m;
        record = outboxRecord(TOPICS.tokens, event);
      }),
      delivery,
    );
    expect(outcome).toBe('handled');
    expect(meta).toMatchObject({ headers: delivery.headers });
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: 'ciba.tokens process', kind: SpanKind.CONSUMER });
    expect(span!.spanContext().traceId).toBe(TRACE_ID);
    expect(span!.parentSpanContext?.spanId).toBe(PARENT);
    expect(span!.attributes).toEqual({
      'messaging.system': 'redis',
      'messaging.operation.type': 'process',
      'messaging.destination.name': TOPICS.tokens,
      'messaging.consumer.group.name': 'token.ciba-grants',
      'messaging.destination.partition.id': '3',
      'messaging.message.id': event.id,
      'ciba.event.type': event.type,
      'ciba.request_id': 'req-9',
      'ciba.delivery.attempt': 1,
    });
    expect(record?.traceContext?.traceparent).toBe(`00-${TRACE_ID}-${span!.spanContext().spanId}-01`);
  });

  test('a failing attempt ends its span with an error status naming the class only; the retry gets a span of its own', async () => {
    let calls = 0;
    await processMessage(
      processor(async () => {
        if (++calls === 1) throw new TypeError('secret-looking detail');
      }),
      delivery,
    );
    const spans = tracing.exporter.getFinishedSpans();
    expect(spans.map((s) => s.attributes['ciba.delivery.attempt'])).toEqual([1, 2]);
    expect(spans[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'TypeError' });
    expect(spans.every((s) => s.spanContext().traceId === TRACE_ID)).toBe(true);
  });

  test('a message without headers starts a trace of its own', async () => {
    await processMessage(processor(async () => {}), { ...delivery, headers: undefined });
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span!.spanContext().traceId).not.toBe(TRACE_ID);
    expect(span!.parentSpanContext).toBeUndefined();
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
