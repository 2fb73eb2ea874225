import { outboxColumns, outboxWritten, type OutboxRecord } from '@ciba/event-bus';
import { coalescingBatcher, inKeyOrder, perPool, schemaOfPool, type PgPool } from '@ciba/service-kit';
import type { RefreshTokenRecord } from '../../domain/grants/refresh-token-record.ts';

/** The refresh token stored with a redemption (its hash only), as a new, unused one. */
export type RedeemedRefreshToken = Omit<RefreshTokenRecord, 'usedAt' | 'revokedAt' | 'createdAt'> & { requestId: string };

/** One redemption: the grant (by its hash), when, the `tokens.issued` event and the refresh token. */
export interface Redemption {
  authReqIdHash: string;
  now: Date;
  event: OutboxRecord;
  refresh: RedeemedRefreshToken | null;
}

/**
 * Per batch, in one statement: approved → redeemed for each item's grant (a conditional UPDATE), and
 * for each grant that moved, its outbox row and its refresh token (PostgreSQL runs every
 * data-modifying CTE, read or not). Answers the `ord` of the items that redeemed their grant.
 */
const REDEEM = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[],
                         $8::text[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[], $15::uuid[], $16::timestamptz[], $17::text[])
      WITH ORDINALITY AS i("auth_req_id_hash", "redeemed_at", "outbox_id", "topic", "key", "envelope", "trace_context",
                           "token_hash", "family_id", "client_id", "sub", "scope", "acr", "auth_time", "request_id", "expires_at", "dpop_jkt", "ord")
  ), redeemed AS (
    UPDATE "ciba_grants" g SET "status" = 'redeemed', "redeemed_at" = i."redeemed_at"
      FROM input i
     WHERE g."auth_req_id_hash" = i."auth_req_id_hash" AND g."status" = 'approved'
    RETURNING i."ord"
  ), announced AS (
    INSERT INTO "outbox_events" ("id", "topic", "key", "envelope", "trace_context")
    SELECT i."outbox_id", i."topic", i."key", i."envelope", i."trace_context" FROM input i JOIN redeemed r ON r."ord" = i."ord" ORDER BY i."ord"
  ), refresh AS (
    INSERT INTO "refresh_tokens" ("token_hash", "family_id", "client_id", "sub", "scope", "acr", "auth_time", "request_id", "expires_at", "dpop_jkt")
    SELECT i."token_hash", i."family_id", i."client_id", i."sub", i."scope", i."acr", i."auth_time", i."request_id", i."expires_at", i."dpop_jkt"
      FROM input i JOIN redeemed r ON r."ord" = i."ord" WHERE i."token_hash" IS NOT NULL
  )
  SELECT "ord" FROM redeemed`;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/**
 * Redemptions of one pool, coalesced (`coalescingBatcher`): the redemptions that arrive while the
 * event loop turns, or while a batch runs, go to PostgreSQL as one statement and one commit; a batch
 * that fails runs again item by item. Each answers whether it redeemed its grant: exactly one
 * redemption of a grant does, across batches (the conditional UPDATE from `approved`) and within one
 * (a grant's later items in a batch are not sent: they lose as a second statement would). Rows are
 * sent in hash order, so concurrent batches lock grants in one order. A batch that redeemed wakes
 * this process's outbox relay once committed.
 */
export const redeemGrants = perPool((pool: PgPool) =>
  coalescingBatcher<Redemption, boolean>({
    async run(items) {
      const { sorted, order } = inKeyOrder(items, (item) => item.authReqIdHash);
      const sent: number[] = []; // indexes into `items` of the first item of each grant
      sorted.forEach((item, k) => {
        if (k === 0 || sorted[k - 1]!.authReqIdHash !== item.authReqIdHash) sent.push(order[k]!);
      });
      const column = <T>(pick: (item: Redemption) => T) => sent.map((index) => pick(items[index]!));
      const { rows } = await pool.query<{ ord: string }>({
        name: 'token.redeem-grants',
        text: REDEEM,
        values: [
          column((i) => i.authReqIdHash),
          column((i) => i.now.toISOString()),
          ...outboxColumns(sent.map((index) => items[index]!.event)),
          column((i) => i.refresh?.tokenHash ?? null),
          column((i) => i.refresh?.familyId ?? null),
          column((i) => i.refresh?.clientId ?? null),
          column((i) => i.refresh?.sub ?? null),
          column((i) => i.refresh?.scope ?? null),
          column((i) => i.refresh?.acr ?? null),
          column((i) => iso(i.refresh?.authTime)),
          column((i) => i.refresh?.requestId ?? null),
          column((i) => iso(i.refresh?.expiresAt)),
          column((i) => i.refresh?.dpopJkt ?? null),
        ],
      });
      if (rows.length > 0) outboxWritten(schemaOfPool(pool));
      const redeemed = items.map(() => false);
      for (const { ord } of rows) redeemed[sent[Number(ord) - 1]!] = true;
      return redeemed;
    },
  }),
);
