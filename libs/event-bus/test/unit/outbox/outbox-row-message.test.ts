import { TOPICS, type EventDeadLetteredV1 } from '@ciba/contracts';
import { outboxRowMessage } from '../../../src/outbox/outbox-row-message.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';

describe('outboxRowMessage', () => {
  const event = sampleTokenEvent('k', 1);
  const row = { seq: '1', id: event.id, topic: TOPICS.tokens as string, key: 'k', envelope: JSON.stringify(event), trace_context: null };

  test('a row on contract becomes its message', () => {
    expect(outboxRowMessage(row, '/s')).toEqual({ message: { topic: TOPICS.tokens, key: 'k', event, headers: {} } });
  });

  test("the row's trace_context becomes the message's headers, a dead letter's too", () => {
    const traceContext = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'vendor=1' };
    const withContext = { ...row, trace_context: JSON.stringify(traceContext) };
    expect(outboxRowMessage(withContext, '/s').message.headers).toEqual(traceContext);
    expect(outboxRowMessage({ ...withContext, key: '' }, '/s').message).toMatchObject({ topic: TOPICS.deadLetters, headers: traceContext });
  });

  test('a trace_context that is not a JSON object is dropped, never an error', () => {
    expect(outboxRowMessage({ ...row, trace_context: '"nope"' }, '/s').message.headers).toEqual({});
  });

  test.each([
    ['an unknown topic', { topic: 'ciba.nope' }, 'topic is not in the topic registry'],
    ['an empty key', { key: '' }, 'key is empty'],
    ['an off-contract envelope', { envelope: JSON.stringify({ ...event, type: 'x.y.v1' }) }, 'type: invalid_union'],
  ])('%s becomes a dead letter', (_name, change, detail) => {
    const { message, rejected } = outboxRowMessage({ ...row, ...change }, '/s');
    expect(rejected).toBe('contract_violation');
    expect(message.topic).toBe(TOPICS.deadLetters);
    expect((message.event as EventDeadLetteredV1).data).toMatchObject({ reason: 'contract_violation', detail, original_id: event.id, group: 'outbox-relay' });
  });
});
