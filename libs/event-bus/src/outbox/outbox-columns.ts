import type { OutboxRecord } from './outbox-record.ts';
import { traceContextColumn } from './trace-context-column.ts';

/**
 * The `outbox_events` columns of many records as five parallel arrays, for a batched insert from
 * `unnest($id::uuid[], $topic::text[], $key::text[], $envelope::jsonb[], $trace_context::jsonb[])`:
 * id, topic, key, envelope as JSON text, trace context as JSON text. A missing record (an item of the
 * batch that writes no event) is a row of nulls.
 */
export function outboxColumns(records: ReadonlyArray<OutboxRecord | undefined>): [Array<string | null>, Array<string | null>, Array<string | null>, Array<string | null>, Array<string | null>] {
  return [
    records.map((r) => r?.id ?? null),
    records.map((r) => r?.topic ?? null),
    records.map((r) => r?.key ?? null),
    records.map((r) => (r ? JSON.stringify(r.envelope) : null)),
    records.map((r) => (r ? traceContextColumn(r) : null)),
  ];
}
