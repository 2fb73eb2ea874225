import { AuthorizationPending, SlowDown } from '@ciba/contracts/oauth-errors';
import { cibaGrantRepository } from '../../../../adapters/db/ciba-grant-repository.ts';
import type { TokenContext } from '../../../../context.ts';

/**
 * A poll of a pending grant (CIBA Core §11): `slow_down` when it came sooner than the interval after
 * the previous poll (and the interval grows by 5 s), `authorization_pending` otherwise. Returns only
 * when the grant stopped being pending meanwhile, for the caller to look again.
 */
export async function pollPendingGrant(ctx: TokenContext, authReqIdHash: string, now: Date): Promise<void> {
  const outcome = await cibaGrantRepository(ctx.db, ctx.config.schema).recordPoll(authReqIdHash, now);
  if (!outcome) return;
  if (outcome.slowDown) throw new SlowDown(`polling too fast, wait at least ${outcome.interval} seconds between requests`);
  throw new AuthorizationPending();
}
