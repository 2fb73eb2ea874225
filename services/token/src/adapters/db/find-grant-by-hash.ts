import type { PgPool } from '@ciba/service-kit';
import type { CibaGrant } from '../../domain/grants/ciba-grant.ts';
import { toGrant } from './ciba-grant-repository.ts';
import type { CibaGrant as CibaGrantRow } from './generated/client.ts';

const COLUMNS = `"auth_req_id_hash" AS "authReqIdHash", "request_id"::text AS "requestId", "client_id" AS "clientId", "sub", "scope",
  "acr_values" AS "acrValues", "delivery_mode" AS "deliveryMode", "interval", "expires_at" AS "expiresAt", "status"::text AS "status",
  "decided_at" AS "decidedAt", "last_polled_at" AS "lastPolledAt", "redeemed_at" AS "redeemedAt", "requested_at" AS "requestedAt"`;

const BY_HASH = `SELECT ${COLUMNS} FROM "ciba_grants" WHERE "auth_req_id_hash" = $1`;

/** The grant of a token request, in one statement through the pool (the poll path's database look). */
export async function findGrantByHash(pool: PgPool, authReqIdHash: string): Promise<CibaGrant | null> {
  const { rows } = await pool.query<CibaGrantRow>({ name: 'token.grant-by-hash', text: BY_HASH, values: [authReqIdHash] });
  return rows[0] ? toGrant(rows[0]) : null;
}
