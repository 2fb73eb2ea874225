import { decodeHeaders, outboxWritten, type OutboxRecord } from '@ciba/event-bus';
import { batchedLookup, traceCarrier, type PgPool } from '@ciba/service-kit';
import type { ExpiringPrompt, PromptStore } from '../../domain/prompt-store.ts';
import { decideBatcher } from './decide-batch.ts';
import { Prisma, type ConsentDb } from './prisma-client.ts';
import { PROMPT_COLUMNS } from './prompt-columns.ts';
import { recordCreatedBatcher } from './record-created-batch.ts';
import { toConsentPrompt, type ConsentPromptRow } from './to-consent-prompt.ts';

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

interface ExpiredRow {
  prompt_id: string;
  request_id: string;
  client_id: string;
  sub: string;
  expires_at: Date;
  trace_context: unknown;
}

const outboxRow = (record: OutboxRecord) => ({
  id: record.id,
  topic: record.topic,
  key: record.key,
  envelope: record.envelope as Prisma.InputJsonValue,
  ...(record.traceContext ? { traceContext: record.traceContext } : {}),
});

/** Prompts by id, for `batchedLookup`. */
const FIND_PROMPTS = `SELECT ${PROMPT_COLUMNS} FROM "consent_prompts" WHERE "prompt_id" = ANY($1::text[])`;

const FIND_BY_REQUEST = `SELECT ${PROMPT_COLUMNS} FROM "consent_prompts" WHERE "request_id" = $1::uuid`;

/**
 * `consent_prompts`, `processed_events` and `outbox_events` (offers: `offerRepository`). Every
 * transition is a conditional UPDATE on the current state, so concurrent writers cannot both win, and
 * its outbox row commits with it or not at all. Those every prompt pays for (the `created` record, the
 * look-up by id, the decision) are named (prepared once per connection) and batched: the calls of
 * concurrent prompts share one statement and one commit (`coalescingBatcher`; a failed batch runs
 * again item by item). The decision and the periodic sweep go through Prisma; `schema` qualifies the
 * sweep.
 */
export function promptRepository(db: ConsentDb, pool: PgPool, schema: string): PromptStore {
  const prompts = Prisma.raw(`${quote(schema)}."consent_prompts"`);
  const recordCreated = recordCreatedBatcher(pool);
  const findPrompt = batchedLookup<ConsentPromptRow>(pool, { name: 'consent.find-prompts', text: FIND_PROMPTS, keyOf: (row) => row.promptId });
  const decide = decideBatcher(db, schema);
  return {
    async recordCreated(group, eventId, prompt, expiredEvent) {
      const expired = prompt.deliveryStatus === 'expired';
      if (expired && !expiredEvent) throw new TypeError('an expired prompt is stored with its expired event');
      // The consumer span's context (the auth request's trace), kept with the prompt for the decision to join.
      const traceContext = prompt.traceContext ?? traceCarrier();
      const item = { group, eventId, prompt: traceContext ? { ...prompt, traceContext } : prompt, ...(expired && expiredEvent ? { expiredEvent } : {}) };
      // A concurrent insert of the same request that commits after the statement's snapshot leaves it
      // with nothing to return for that request; the next try sees that row.
      for (let tries = 0; tries < 3; tries += 1) {
        const row = await recordCreated(item);
        if (row) return { prompt: toConsentPrompt(row), created: row.created };
      }
      throw new Error('consent prompt neither stored nor found');
    },

    async findById(promptId) {
      const row = await findPrompt(promptId);
      return row ? toConsentPrompt(row) : null;
    },

    async findByRequestId(requestId) {
      const { rows } = await pool.query<ConsentPromptRow>({ name: 'consent.find-by-request', text: FIND_BY_REQUEST, values: [requestId] });
      return rows[0] ? toConsentPrompt(rows[0]) : null;
    },

    // The user's decision is recorded through Prisma (the brief's rule for this service), as one raw
    // statement per batch of concurrent decisions over the same pool.
    decide: (promptId, status, decidedAt, event) => decide({ promptId, status, decidedAt, event }),

    async expireDue(now, limit, expiredEvent) {
      const expired = await db.$transaction(async (tx) => {
        // One conditional UPDATE from `pending`: rows locked by a concurrent decision or sweeper are
        // skipped (taken next round if still pending), rows decided meanwhile no longer match.
        const rows = await tx.$queryRaw<ExpiredRow[]>`
          UPDATE ${prompts} p
             SET status = 'expired',
                 delivery_status = CASE WHEN p.delivery_status = 'queued' THEN 'expired' ELSE p.delivery_status END,
                 next_offer_at = NULL
            FROM (SELECT prompt_id FROM ${prompts}
                   WHERE status = 'pending' AND expires_at <= ${now}
                   ORDER BY expires_at
                   LIMIT ${limit}
                   FOR UPDATE SKIP LOCKED) due
           WHERE p.prompt_id = due.prompt_id AND p.status = 'pending'
       RETURNING p.prompt_id, p.request_id::text AS request_id, p.client_id, p.sub, p.expires_at, p.trace_context`;
        const expired: ExpiringPrompt[] = rows.map((r) => {
          const traceContext = decodeHeaders(r.trace_context);
          return { promptId: r.prompt_id, requestId: r.request_id, clientId: r.client_id, sub: r.sub, expiresAt: new Date(r.expires_at), ...(traceContext ? { traceContext } : {}) };
        });
        if (expired.length > 0) await tx.outboxEvent.createMany({ data: expired.map((p) => outboxRow(expiredEvent(p))) });
        return expired;
      });
      if (expired.length > 0) outboxWritten(schema);
      return expired;
    },

  };
}
