import { TOPICS, topicSchemas } from '@ciba/contracts';
import { deadLetterEvent } from '../../../src/consumer/dead-letter-event.ts';

describe('deadLetterEvent', () => {
  const fields = { topic: TOPICS.tokens, group: 'svc.handler', reason: 'unparseable' as const, detail: 'value is not JSON', excerpt: '{', attempts: 0 };

  test('is a valid ciba.event.dead_lettered.v1 keyed by the original key', () => {
    const event = deadLetterEvent({ ...fields, key: 'req-1', originalId: 'id-1' }, '/services/test');
    expect(topicSchemas[TOPICS.deadLetters].parse(event)).toEqual(event);
    expect(event).toMatchObject({ subject: 'req-1', source: '/services/test', data: { key: 'req-1', original_id: 'id-1', reason: 'unparseable' } });
  });

  test('falls back to the original id, then to "unknown", and truncates long fields', () => {
    expect(deadLetterEvent({ ...fields, originalId: 'id-1' }, '/s').subject).toBe('id-1');
    const event = deadLetterEvent({ ...fields, key: 'k'.repeat(500), detail: 'd'.repeat(5000), excerpt: 'e'.repeat(9000) }, '/s');
    expect(event.subject).toHaveLength(200);
    expect(event.data.detail).toHaveLength(2000);
    expect(event.data.original_excerpt).toHaveLength(4096);
    expect(deadLetterEvent(fields, '/s').subject).toBe('unknown');
  });
});
