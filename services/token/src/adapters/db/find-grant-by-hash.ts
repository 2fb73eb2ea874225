import { batchedLookup, perPool, type PgPool } from '@ciba/service-kit';
import type { CibaGrant } from '../../domain/grants/ciba-grant.ts';
import { toGrant } from './ciba-grant-repository.ts';
import type { CibaGrant as CibaGrantRow } from './generated/client.ts';

const COLUMNS = `"auth_req_id_hash" AS "authReqIdHash", "request_id"::text AS "requestId", "client_id" AS "clientId", "sub", "scope",
  "acr_values" AS "acrValues", "delivery_mode" AS "deliveryMode", "interval", "expires_at" AS "expiresAt", "status"::text AS "status",
  "decided_at" AS "decidedAt", "last_polled_at" AS "lastPolledAt", "redeemed_at" AS "redeemedAt", "requested_at" AS "requestedAt", "trace_context" AS "traceContext"`;

const BY_HASHES = `SELECT ${COLUMNS} FROM "ciba_grants" WHERE "auth_req_id_hash" = ANY($1::text[])`;

const lookupOf = perPool((pool) => batchedLookup<CibaGrantRow>(pool, { name: 'token.grants-by-hash', text: BY_HASHES, keyOf: (row) => row.authReqIdHash }));

/**
 * The grant of a token request (the poll path's database look): concurrent polls' looks go as one
 * statement through the pool (`batchedLookup`), each answered its own grant.
 */
export async function findGrantByHash(pool: PgPool, authReqIdHash: string): Promise<CibaGrant | null> {
  const row = await lookupOf(pool)(authReqIdHash);
  return row ? toGrant(row) : null;
}
