import { decodeHeaders } from '../../../src/tracing/decode-headers.ts';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('decodeHeaders', () => {
  test('a JSON object of strings (a Redis entry field, an outbox trace_context) is kept, names lower-cased', () => {
    expect(decodeHeaders(JSON.stringify({ TraceParent: TRACEPARENT, tracestate: 'a=1' }))).toEqual({ traceparent: TRACEPARENT, tracestate: 'a=1' });
  });

  test("Kafka's Buffer values become strings", () => {
    expect(decodeHeaders({ traceparent: Buffer.from(TRACEPARENT) })).toEqual({ traceparent: TRACEPARENT });
  });

  test.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['text that is not JSON', '{nope'],
    ['a JSON array', '["a"]'],
    ['a JSON string', '"a"'],
    ['an object without string values', { a: 1, b: null }],
    ['an oversized text', JSON.stringify({ a: 'x'.repeat(20_000) })],
  ])('%s gives no headers, never an error', (_name, raw) => {
    expect(decodeHeaders(raw)).toBeUndefined();
  });

  test('drops long names and values and keeps at most 16 headers', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`h${i}`, 'v']));
    expect(Object.keys(decodeHeaders(many) ?? {})).toHaveLength(16);
    expect(decodeHeaders({ ['n'.repeat(65)]: 'v', ok: 'v', long: 'x'.repeat(513) })).toEqual({ ok: 'v' });
  });
});
