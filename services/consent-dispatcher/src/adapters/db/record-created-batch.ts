import { outboxWritten, traceContextColumn, type OutboxRecord } from '@ciba/event-bus';
import { coalescingBatcher, schemaOfPool, type PgPool } from '@ciba/service-kit';
import type { NewPrompt } from '../../domain/prompt-store.ts';
import { PROMPT_COLUMNS } from './prompt-columns.ts';
import type { ConsentPromptRow } from './to-consent-prompt.ts';

/** One `created` event to record: its prompt, and the expired event when the request arrived expired. */
export interface CreatedItem {
  group: string;
  eventId: string;
  prompt: NewPrompt;
  expiredEvent?: OutboxRecord;
}

/** The request's prompt, and whether this item stored it. */
export type CreatedRow = ConsentPromptRow & { created: boolean };

/**
 * Per batch, in one statement: every item's `processed_events` row, its prompt unless its request
 * already has one (stored, or stored by an earlier item of the batch), and the expired event of each
 * prompt stored as expired; then, per item (`ord`), its request's prompt, with `created` true on the
 * row this statement stored. The outbox insert is only part of the statement when an item carries an
 * event (no empty insert on the common path). Rows go in in request order, so batches that race on the
 * same requests wait for each other in one order. The prompts already stored are looked up one request
 * at a time by its unique index (a LATERAL subquery with LIMIT, which the planner cannot flatten into a
 * join): the common path, every prompt fresh, looks up nothing, and a plan cached while the table was
 * empty cannot turn into a scan of the whole table as it grows (the semi-join it replaced did).
 */
const recordCreatedSql = (withEvents: boolean) => `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                         $10::timestamptz[], $11::"consent_prompt_status"[], $12::"prompt_delivery_status"[], $13::timestamptz[], $14::timestamptz[], $15::jsonb[]${withEvents ? `,
                         $16::uuid[], $17::text[], $18::text[], $19::jsonb[], $20::jsonb[]` : ''})
      WITH ORDINALITY AS i("group", "event_id", "prompt_id", "request_id", "client_id", "sub", "scope", "binding_message", "acr_values",
                           "expires_at", "status", "delivery_status", "next_offer_at", "requested_at", "trace_context",${withEvents ? ` "outbox_id", "topic", "key", "envelope", "outbox_trace_context",` : ''} "ord")
  ), seen AS (
    INSERT INTO "processed_events" ("group", "event_id") SELECT "group", "event_id" FROM input ON CONFLICT DO NOTHING
  ), fresh AS (
    INSERT INTO "consent_prompts" ("prompt_id", "request_id", "client_id", "sub", "scope", "binding_message", "acr_values",
                                   "expires_at", "status", "delivery_status", "next_offer_at", "requested_at", "trace_context")
    SELECT "prompt_id", "request_id", "client_id", "sub", "scope", "binding_message", "acr_values",
           "expires_at", "status", "delivery_status", "next_offer_at", "requested_at", "trace_context"
      FROM input ORDER BY "request_id", "ord"
    ON CONFLICT DO NOTHING
    RETURNING ${PROMPT_COLUMNS}
  )${
    withEvents
      ? `, expired AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
    SELECT i."outbox_id", i."topic", i."key", i."envelope", i."outbox_trace_context" FROM input i JOIN fresh f ON f."promptId" = i."prompt_id"
     WHERE i."outbox_id" IS NOT NULL
  )`
      : ''
  }, found AS (
    SELECT true AS created, * FROM fresh
    UNION ALL
    SELECT false, c.* FROM (SELECT DISTINCT "request_id" FROM input WHERE "request_id"::text NOT IN (SELECT "requestId" FROM fresh)) i
     CROSS JOIN LATERAL (SELECT ${PROMPT_COLUMNS} FROM "consent_prompts" WHERE "request_id" = i."request_id" LIMIT 1) c
  )
  SELECT i."ord", f.* FROM input i JOIN found f ON f."requestId" = i."request_id"::text`;

const RECORD_CREATED = { name: 'consent.record-created-batch', text: recordCreatedSql(false) };
const RECORD_CREATED_EXPIRED = { name: 'consent.record-created-expired-batch', text: recordCreatedSql(true) };

/**
 * Records `created` events of concurrent handlers together (`coalescingBatcher`: one statement, one
 * commit per batch; a failed batch runs again item by item, so a bad item fails alone). Each item gets
 * its request's prompt (`created` only for the item whose prompt was stored), or null when a concurrent
 * insert of its request committed after the statement's snapshot (the caller tries again).
 */
export function recordCreatedBatcher(pool: PgPool): (item: CreatedItem) => Promise<CreatedRow | null> {
  return coalescingBatcher<CreatedItem, CreatedRow | null>({
    async run(items) {
      const withEvents = items.some((i) => i.expiredEvent !== undefined);
      const column = <T>(pick: (item: CreatedItem) => T) => items.map(pick);
      const expired = (i: CreatedItem) => i.prompt.deliveryStatus === 'expired';
      const values = [
        column((i) => i.group),
        column((i) => i.eventId),
        column((i) => i.prompt.promptId),
        column((i) => i.prompt.requestId),
        column((i) => i.prompt.clientId),
        column((i) => i.prompt.sub),
        column((i) => i.prompt.scope),
        column((i) => i.prompt.bindingMessage ?? null),
        column((i) => i.prompt.acrValues ?? null),
        column((i) => i.prompt.expiresAt),
        column((i) => (expired(i) ? 'expired' : 'pending')),
        column((i) => i.prompt.deliveryStatus),
        column((i) => (expired(i) ? null : (i.prompt.nextOfferAt ?? null))),
        column((i) => i.prompt.requestedAt ?? null),
        column((i) => (i.prompt.traceContext ? JSON.stringify(i.prompt.traceContext) : null)),
        ...(withEvents
          ? [
              column((i) => i.expiredEvent?.id ?? null),
              column((i) => i.expiredEvent?.topic ?? null),
              column((i) => i.expiredEvent?.key ?? null),
              column((i) => (i.expiredEvent ? JSON.stringify(i.expiredEvent.envelope) : null)),
              column((i) => (i.expiredEvent ? traceContextColumn(i.expiredEvent) : null)),
            ]
          : []),
      ];
      const { rows } = await pool.query<CreatedRow & { ord: string }>({ ...(withEvents ? RECORD_CREATED_EXPIRED : RECORD_CREATED), values });
      if (withEvents) outboxWritten(schemaOfPool(pool));
      const answers: Array<CreatedRow | null> = items.map(() => null);
      for (const { ord, ...row } of rows) {
        const index = Number(ord) - 1;
        answers[index] = { ...row, created: row.created && row.promptId === items[index]!.prompt.promptId };
      }
      return answers;
    },
  });
}
