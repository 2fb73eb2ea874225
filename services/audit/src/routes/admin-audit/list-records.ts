import type { Request, Response } from 'express';
import type { AuditResponse } from '@ciba/contracts/api/admin-audit';
import type { AuditQuery, AuditStore } from '../../adapters/db/audit-store.ts';

/** 200 with a page of records, newest first, and the cursor of the next page (null on the last). */
export const listRecords = (store: AuditStore) => async (_req: Request, res: Response) => {
  const query = res.locals.query as AuditQuery;
  const records = await store.find(query);
  const body: AuditResponse = {
    records: records.map((r) => ({
      seq: r.seq.toString(),
      event_id: r.eventId,
      occurred_at: r.occurredAt.toISOString(),
      recorded_at: r.recordedAt.toISOString(),
      category: r.category,
      action: r.action,
      actor: r.actor,
      source: r.source,
      request_id: r.requestId,
      client_id: r.clientId,
      sub: r.sub,
      target: r.target,
      address: r.address,
      correlation_id: r.correlationId,
      details: r.details,
    })),
    next_cursor: records.length === query.limit ? records[records.length - 1]!.seq.toString() : null,
  };
  res.status(200).set({ 'Cache-Control': 'no-store' }).json(body);
};
