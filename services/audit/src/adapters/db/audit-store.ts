import { coalescingBatcher, type PgPool } from '@ciba/service-kit';
import type { AuditRecord } from '../../domain/audit-record.ts';

/** What an operator filters the trail by (at least one of the first three). */
export interface AuditQuery {
  sub?: string;
  clientId?: string;
  requestId?: string;
  /** Only records with `seq` below this (the previous page's `next_cursor`). */
  before?: bigint;
  limit: number;
}

/** A stored record with its position in the trail. */
export type StoredAuditRecord = AuditRecord & { seq: bigint; recordedAt: Date };

/**
 * One statement per batch (`unnest`, rows in the batch's order, so `seq` follows arrival; the records
 * of a batch that failed are retried one by one, side by side, in no set order). A record about
 * a request that does not name the user gets it from the request's first stored record, or from an
 * earlier record of the same batch (filled in before the statement: the statement cannot see its own rows).
 */
const APPEND_BATCH = `INSERT INTO "audit_records"
  ("event_id", "occurred_at", "category", "action", "actor", "source", "request_id", "client_id", "sub", "target", "address", "correlation_id", "details")
  SELECT i."event_id", i."occurred_at", i."category", i."action", i."actor", i."source", i."request_id", i."client_id",
         COALESCE(i."sub", (SELECT r."sub" FROM "audit_records" r WHERE i."request_id" IS NOT NULL AND r."request_id" = i."request_id" AND r."sub" IS NOT NULL ORDER BY r."seq" LIMIT 1)),
         i."target", i."address", i."correlation_id", i."details"
    FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::jsonb[])
      WITH ORDINALITY AS i("event_id", "occurred_at", "category", "action", "actor", "source", "request_id", "client_id", "sub", "target", "address", "correlation_id", "details", "ord")
   ORDER BY i."ord"
  ON CONFLICT ("event_id") DO NOTHING`;

/** The batch with each record that names no user given the user of an earlier record of its request in it. */
function withBatchSubs(records: readonly AuditRecord[]): AuditRecord[] {
  const subOf = new Map<string, string>();
  return records.map((record) => {
    if (record.requestId === null) return record;
    if (record.sub !== null) {
      if (!subOf.has(record.requestId)) subOf.set(record.requestId, record.sub);
      return record;
    }
    const sub = subOf.get(record.requestId);
    return sub === undefined ? record : { ...record, sub };
  });
}

/**
 * Appends the records of concurrent consumers together (`coalescingBatcher`: one statement and one
 * commit per batch instead of one per event; a failed batch runs again record by record).
 */
function appendBatcher(pool: PgPool): (record: AuditRecord) => Promise<void> {
  return coalescingBatcher<AuditRecord, void>({
    maxBatch: 256,
    async run(batch) {
      const records = withBatchSubs(batch);
      const column = <T>(pick: (r: AuditRecord) => T) => records.map(pick);
      await pool.query({
        name: 'audit.append-batch',
        text: APPEND_BATCH,
        values: [
          column((r) => r.eventId),
          column((r) => r.occurredAt),
          column((r) => r.category),
          column((r) => r.action),
          column((r) => r.actor),
          column((r) => r.source),
          column((r) => r.requestId),
          column((r) => r.clientId),
          column((r) => r.sub),
          column((r) => r.target),
          column((r) => r.address),
          column((r) => r.correlationId),
          column((r) => JSON.stringify(r.details)),
        ],
      });
      return batch.map(() => undefined);
    },
  });
}

interface Row {
  seq: string;
  event_id: string;
  occurred_at: Date;
  recorded_at: Date;
  category: string;
  action: string;
  actor: string;
  source: string;
  request_id: string | null;
  client_id: string | null;
  sub: string | null;
  target: string | null;
  address: string | null;
  correlation_id: string;
  details: Record<string, string | number | boolean>;
}

/**
 * `audit_records`, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Recording is
 * idempotent on the event id, so a redelivered event is recorded once, also when both deliveries meet
 * in one batch.
 */
export function auditStore(pool: PgPool) {
  const append = appendBatcher(pool);
  return {
    /** Resolves once the record is committed (or was already: the event was recorded before). */
    append,

    async find(query: AuditQuery): Promise<StoredAuditRecord[]> {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        values.push(value);
        where.push(clause.replace('?1', `$${values.length}`).replace('?', `$${values.length}`));
      };
      // the user's records, and every record of the user's requests (some events name only the request)
      if (query.sub !== undefined) add('("sub" = ? OR "request_id" IN (SELECT u."request_id" FROM "audit_records" u WHERE u."sub" = ?1 AND u."request_id" IS NOT NULL))', query.sub);
      if (query.clientId !== undefined) add('"client_id" = ?', query.clientId);
      if (query.requestId !== undefined) add('"request_id" = ?::uuid', query.requestId);
      if (query.before !== undefined) add('"seq" < ?', query.before.toString());
      values.push(query.limit);
      const { rows } = await pool.query<Row>(`SELECT * FROM "audit_records" WHERE ${where.join(' AND ')} ORDER BY "seq" DESC LIMIT $${values.length}`, values);
      return rows.map((row) => ({
        seq: BigInt(row.seq),
        eventId: row.event_id,
        occurredAt: row.occurred_at,
        recordedAt: row.recorded_at,
        category: row.category,
        action: row.action,
        actor: row.actor,
        source: row.source,
        requestId: row.request_id,
        clientId: row.client_id,
        sub: row.sub,
        target: row.target,
        address: row.address,
        correlationId: row.correlation_id,
        details: row.details,
      }));
    },
  };
}

export type AuditStore = ReturnType<typeof auditStore>;
