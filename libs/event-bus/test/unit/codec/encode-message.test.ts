import { TOPICS } from '@ciba/contracts';
import { ZodError } from 'zod';
import { encodeMessage } from '../../../src/codec/encode-message.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';

describe('encodeMessage', () => {
  const event = sampleTokenEvent('k', 1);

  test('serializes the validated event, dropping keys the contract does not know', () => {
    const encoded = encodeMessage({ topic: TOPICS.tokens, key: 'k', event: { ...event, extra: 'dropped' } as typeof event });
    expect(encoded).toEqual({ topic: TOPICS.tokens, key: 'k', eventId: event.id, value: JSON.stringify(event) });
  });

  test('rejects an off-contract event, an unknown topic and an empty key', () => {
    expect(() => encodeMessage({ topic: TOPICS.authRequests, key: 'k', event } as never)).toThrow(ZodError);
    expect(() => encodeMessage({ topic: 'ciba.nope', key: 'k', event } as never)).toThrow('topic ciba.nope is not in the topic registry');
    expect(() => encodeMessage({ topic: TOPICS.tokens, key: '', event })).toThrow('key must be a non-empty string');
  });
});
