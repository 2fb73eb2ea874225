import { z } from 'zod';
import { containsNul } from './contains-nul.ts';

/**
 * The audit trail for operators: `GET /admin/audit?sub=…|client_id=…|request_id=…[&limit=…][&cursor=…]`
 * behind `Authorization: Bearer <ADMIN_TOKEN>`, newest first. At least one filter is required; several
 * narrow the result. `cursor` is the previous page's `next_cursor`.
 */
export const ADMIN_AUDIT_PATH = '/admin/audit' as const;

const text = (max: number) => z.string().min(1).max(max).refine((value) => !containsNul(value), 'must not contain NUL characters');

export const auditQuery = z
  .object({
    sub: text(255).optional(),
    client_id: text(200).optional(),
    request_id: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
    cursor: z.string().regex(/^[1-9][0-9]{0,18}$/, 'must be a next_cursor value').optional(),
  })
  .strict()
  .refine((query) => query.sub !== undefined || query.client_id !== undefined || query.request_id !== undefined, 'give sub, client_id or request_id');
export type AuditQueryParameters = z.infer<typeof auditQuery>;

/** One record: who, what, when, from where, and the correlation id; identifiers only. */
export const auditRecordView = z.object({
  seq: z.string(),
  event_id: z.string(),
  occurred_at: z.string(),
  recorded_at: z.string(),
  category: z.string(),
  action: z.string(),
  actor: z.string(),
  source: z.string(),
  request_id: z.string().nullable(),
  client_id: z.string().nullable(),
  sub: z.string().nullable(),
  target: z.string().nullable(),
  address: z.string().nullable(),
  correlation_id: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

export const auditResponse = z.object({ records: z.array(auditRecordView), next_cursor: z.string().nullable() });
export type AuditResponse = z.infer<typeof auditResponse>;
