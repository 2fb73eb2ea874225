import { pushTokenSetRepository } from '../adapters/db/push-token-set-repository.ts';
import type { TokenContext } from '../context.ts';
import { revokeTokenSet } from './revoke-token-set.ts';

/** Revokes the set the latest push of the request carried; false when no push set exists. Idempotent. */
export async function revokePushTokens(ctx: TokenContext, requestId: string): Promise<boolean> {
  const now = new Date();
  const revoked = await ctx.db.$transaction(async (tx) => {
    const sets = pushTokenSetRepository(tx, ctx.config.schema);
    await sets.lockGrant(requestId);
    const set = await sets.find(requestId);
    if (!set) return false;
    await revokeTokenSet(tx, set, now);
    await sets.markRevoked(requestId, now);
    return true;
  });
  if (revoked) ctx.logger.info({ request_id: requestId }, 'push tokens revoked after a failed push');
  return revoked;
}
