import { cibaGrantRepository } from '../../../../adapters/db/ciba-grant-repository.ts';
import type { TokenContext } from '../../../../context.ts';
import type { CibaGrant } from '../../../../domain/grants/ciba-grant.ts';
import { pollAnswer } from './poll-answer.ts';

/**
 * A poll of a pending grant that the poll cache could not answer (CIBA Core §11): recorded in the
 * database, then remembered in the cache so the next polls are answered there. Throws `slow_down`
 * when it came sooner than the interval after the previous poll (the interval grows by 5 s),
 * `authorization_pending` otherwise. Returns only when the grant stopped being pending meanwhile, for
 * the caller to look again.
 */
export async function pollPendingGrant(ctx: TokenContext, grant: CibaGrant, now: Date): Promise<void> {
  const outcome = await cibaGrantRepository(ctx.db, ctx.config.schema).recordPoll(grant.authReqIdHash, now);
  if (!outcome) return;
  if (grant.deliveryMode !== 'push') {
    const entry = { authReqIdHash: grant.authReqIdHash, requestId: grant.requestId, clientId: grant.clientId, interval: outcome.interval, expiresAt: grant.expiresAt, lastPolledAt: now };
    await ctx.pollCache.rememberPending(entry, now).catch((err: unknown) => ctx.logger.warn({ err }, 'poll cache unavailable; not remembered'));
  }
  throw pollAnswer(outcome.slowDown, outcome.interval);
}
