import { cibaGrantRepository } from '../../../../adapters/db/ciba-grant-repository.ts';
import { findGrantByHash } from '../../../../adapters/db/find-grant-by-hash.ts';
import type { TokenContext } from '../../../../context.ts';
import type { CibaGrant } from '../../../../domain/grants/ciba-grant.ts';

/**
 * The grant from the projection; a poll may beat the `created` event, so an unknown hash is asked
 * of the requests' owner (auth-endpoint) and projected on the spot.
 */
export async function loadCibaGrant(ctx: TokenContext, authReqIdHash: string): Promise<CibaGrant | null> {
  const known = await findGrantByHash(ctx.pool, authReqIdHash);
  if (known) return known;
  const request = await ctx.authRequests.findByAuthReqIdHash(authReqIdHash);
  if (!request) return null;
  await cibaGrantRepository(ctx.db, ctx.config.schema).insertPending(request);
  return findGrantByHash(ctx.pool, authReqIdHash);
}
