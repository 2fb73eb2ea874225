import { TOPICS } from '@ciba/contracts';
import { decodeMessage, EXCERPT_CHARS } from '../../../src/codec/decode-message.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';

describe('decodeMessage', () => {
  const event = sampleTokenEvent('k', 1);

  test('accepts an event on its topic contract', () => {
    expect(decodeMessage(TOPICS.tokens, JSON.stringify(event))).toEqual({ ok: true, event });
    expect(decodeMessage(TOPICS.tokens, Buffer.from(JSON.stringify(event)))).toEqual({ ok: true, event });
  });

  test('a missing value or non-JSON is unparseable', () => {
    expect(decodeMessage(TOPICS.tokens, null)).toMatchObject({ ok: false, reason: 'unparseable', excerpt: '' });
    expect(decodeMessage(TOPICS.tokens, '{oops')).toMatchObject({ ok: false, reason: 'unparseable', detail: 'value is not JSON', excerpt: '{oops' });
  });

  test('more than MAX_EVENT_BYTES is too_large, checked before parsing, with a truncated excerpt', () => {
    const decoded = decodeMessage(TOPICS.tokens, 'x'.repeat(70_000));
    expect(decoded).toMatchObject({ ok: false, reason: 'too_large', detail: '70000 bytes exceeds 65536' });
    expect(!decoded.ok && decoded.excerpt.length).toBe(EXCERPT_CHARS);
  });

  test('an event of another topic is a contract_violation naming paths, not values', () => {
    const decoded = decodeMessage(TOPICS.authRequests, JSON.stringify(event));
    expect(decoded).toMatchObject({ ok: false, reason: 'contract_violation', originalId: event.id });
    expect(!decoded.ok && decoded.detail).toBe('type: invalid_union');
    const wrongData = decodeMessage(TOPICS.tokens, JSON.stringify({ ...event, data: { ...event.data, client_id: 'secret-looking-value'.repeat(20) } }));
    expect(!wrongData.ok && wrongData.detail).toBe('data.client_id: too_big');
  });
});
