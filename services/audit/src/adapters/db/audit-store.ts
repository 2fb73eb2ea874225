import type { PgPool } from '@ciba/service-kit';
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

const INSERT = `INSERT INTO "audit_records"
  ("event_id", "occurred_at", "category", "action", "actor", "source", "request_id", "client_id", "sub", "target", "address", "correlation_id", "details")
  VALUES ($1, $2, $3, $4, $5, $6, $7::uuid, $8,
          -- a record about a request that does not name the user gets it from the request's first record
          COALESCE($9, (SELECT r."sub" FROM "audit_records" r WHERE $7::uuid IS NOT NULL AND r."request_id" = $7::uuid AND r."sub" IS NOT NULL ORDER BY r."seq" LIMIT 1)),
          $10, $11, $12, $13)
  ON CONFLICT ("event_id") DO NOTHING`;

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
 * idempotent on the event id, so a redelivered event is recorded once.
 */
export function auditStore(pool: PgPool) {
  return {
    async append(record: AuditRecord): Promise<void> {
      await pool.query({
        name: 'audit.append',
        text: INSERT,
        values: [record.eventId, record.occurredAt, record.category, record.action, record.actor, record.source, record.requestId, record.clientId, record.sub, record.target, record.address, record.correlationId, record.details],
      });
    },

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
