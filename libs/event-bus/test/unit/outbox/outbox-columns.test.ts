import { outboxColumns } from '../../../src/outbox/outbox-columns.ts';
import type { OutboxRecord } from '../../../src/outbox/outbox-record.ts';

describe('outboxColumns', () => {
  it('gives five parallel columns, JSON text for the envelope and trace context, nulls for a missing record', () => {
    const record = { id: 'e1', topic: 'ciba.tokens', key: 'k', envelope: { a: 1 }, traceContext: { traceparent: 'tp' } } as unknown as OutboxRecord;
    const bare = { id: 'e2', topic: 't', key: 'k2', envelope: { b: 2 } } as unknown as OutboxRecord;
    expect(outboxColumns([record, undefined, bare])).toEqual([
      ['e1', null, 'e2'],
      ['ciba.tokens', null, 't'],
      ['k', null, 'k2'],
      ['{"a":1}', null, '{"b":2}'],
      ['{"traceparent":"tp"}', null, null],
    ]);
  });
});
