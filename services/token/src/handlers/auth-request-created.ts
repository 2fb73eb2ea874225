import type { AuthRequestCreatedV1 } from '@ciba/contracts';
import { cibaGrantProjection } from '../adapters/db/ciba-grant-projection.ts';
import type { TokenContext } from '../context.ts';
import { CIBA_GRANTS_GROUP } from './consumer-group.ts';

/**
 * `ciba.auth_request.created.v1`: the request becomes a pending grant (a no-op if a poll or decision
 * got there first, or on a replay), in one statement. A poll-mode grant this call inserted is
 * remembered in the poll cache, so even its first poll costs no database round trip.
 */
export async function onAuthRequestCreated(ctx: TokenContext, event: AuthRequestCreatedV1): Promise<void> {
  const request = event.data;
  if (!(await cibaGrantProjection(ctx.pool).insertCreated(CIBA_GRANTS_GROUP, event.id, request))) return;
  if (request.delivery_mode !== 'poll') return; // ping clients poll once, after the ping; push never
  const entry = { authReqIdHash: request.auth_req_id_hash, requestId: request.request_id, clientId: request.client_id, interval: request.interval, expiresAt: new Date(request.expires_at) };
  await ctx.pollCache.rememberPending(entry, new Date()).catch((err: unknown) => ctx.logger.warn({ err }, 'poll cache unavailable; not remembered'));
}
