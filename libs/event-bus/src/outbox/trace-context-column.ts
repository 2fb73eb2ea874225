import type { OutboxRecord } from './outbox-record.ts';

/** The value of an outbox row's `trace_context` (JSONB) column: the record's trace context as JSON text, or null. */
export function traceContextColumn(record: Pick<OutboxRecord, 'traceContext'>): string | null {
  return record.traceContext ? JSON.stringify(record.traceContext) : null;
}
