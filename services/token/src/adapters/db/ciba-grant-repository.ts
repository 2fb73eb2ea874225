import type { AuthRequestView } from '@ciba/contracts';
import { decodeHeaders } from '@ciba/event-bus';
import type { CibaGrant } from '../../domain/grants/ciba-grant.ts';
import type { CibaGrantStore } from '../../domain/grants/ciba-grant-store.ts';
import type { CibaGrant as CibaGrantRow } from './generated/client.ts';
import { Prisma } from './prisma-client.ts';

/** A `ciba_grants` row (Prisma's field names) as the domain's grant. */
export const toGrant = (row: CibaGrantRow): CibaGrant => withTraceContext(row, {
  authReqIdHash: row.authReqIdHash,
  requestId: row.requestId,
  clientId: row.clientId,
  sub: row.sub,
  scope: row.scope,
  acrValues: row.acrValues,
  deliveryMode: row.deliveryMode as CibaGrant['deliveryMode'],
  interval: row.interval,
  expiresAt: row.expiresAt,
  status: row.status,
  decidedAt: row.decidedAt,
  lastPolledAt: row.lastPolledAt,
  redeemedAt: row.redeemedAt,
  requestedAt: row.requestedAt,
});

function withTraceContext(row: CibaGrantRow, grant: CibaGrant): CibaGrant {
  const traceContext = decodeHeaders(row.traceContext);
  return traceContext ? { ...grant, traceContext } : grant;
}

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/** `ciba_grants` through Prisma; `db` may be a transaction. `schema` qualifies the one raw statement. */
export function cibaGrantRepository(db: Prisma.TransactionClient, schema: string): CibaGrantStore {
  const table = Prisma.raw(`${quote(schema)}."ciba_grants"`);
  return {
    async findByRequestId(requestId) {
      const row = await db.cibaGrant.findUnique({ where: { requestId } });
      return row && toGrant(row);
    },

    async insertPending(request: AuthRequestView) {
      await db.cibaGrant.createMany({
        data: [
          {
            authReqIdHash: request.auth_req_id_hash,
            requestId: request.request_id,
            clientId: request.client_id,
            sub: request.sub,
            scope: request.scope,
            acrValues: request.acr_values ?? null,
            deliveryMode: request.delivery_mode,
            interval: request.interval,
            expiresAt: new Date(request.expires_at),
            requestedAt: new Date(request.requested_at),
          },
        ],
        skipDuplicates: true,
      });
    },

    async recordPoll(authReqIdHash, now) {
      // The CTE locks the row and reads its latest version; the UPDATE then decides from that
      // version, so concurrent polls serialise on the row and each sees the previous one's poll.
      const rows = await db.$queryRaw<{ slow_down: boolean; interval: number }[]>(Prisma.sql`
        WITH prev AS (
          SELECT "auth_req_id_hash",
                 ("last_polled_at" IS NOT NULL AND "last_polled_at" + make_interval(secs => "interval") > ${now}) AS too_soon
          FROM ${table}
          WHERE "auth_req_id_hash" = ${authReqIdHash} AND "status" = 'pending'
          FOR UPDATE
        )
        UPDATE ${table} AS g
        SET "last_polled_at" = ${now},
            "interval" = CASE WHEN prev.too_soon THEN g."interval" + 5 ELSE g."interval" END
        FROM prev
        WHERE g."auth_req_id_hash" = prev."auth_req_id_hash"
        RETURNING prev.too_soon AS slow_down, g."interval" AS "interval"`);
      const row = rows[0];
      return row ? { slowDown: row.slow_down, interval: Number(row.interval) } : null;
    },
  };
}
