import { cibaGrantRepository } from '../../../../adapters/db/ciba-grant-repository.ts';
import type { TokenContext } from '../../../../context.ts';
import type { CibaGrant } from '../../../../domain/grants/ciba-grant.ts';
import type { PollPace } from '../../../../domain/grants/poll-cache.ts';
import { countSlowDown } from './count-slow-down.ts';
import { pollAnswer } from './poll-answer.ts';

/**
 * A poll of a pending grant that the poll cache could not answer (CIBA Core §11): recorded in the
 * database, then remembered in the cache so the next polls are answered there. Throws `slow_down`
 * when it came sooner than the interval after the previous poll, by the database's record or by the
 * pace every replica keeps in Redis (the interval grows by 5 s; counted against the client),
 * `authorization_pending` otherwise. Returns only when the grant stopped being pending meanwhile, for
 * the caller to look again.
 */
export async function pollPendingGrant(ctx: TokenContext, grant: CibaGrant, now: Date): Promise<void> {
  const outcome = await cibaGrantRepository(ctx.db, ctx.config.schema).recordPoll(grant.authReqIdHash, now);
  if (!outcome) return;
  let answer: PollPace = outcome;
  if (grant.deliveryMode !== 'push') {
    const entry = { authReqIdHash: grant.authReqIdHash, requestId: grant.requestId, clientId: grant.clientId, interval: outcome.interval, expiresAt: grant.expiresAt, lastPolledAt: now };
    const paced = await ctx.pollCache.recordPoll(entry, now, outcome).catch((err: unknown) => {
      ctx.logger.warn({ err }, 'poll cache unavailable; not remembered');
      return null;
    });
    answer = paced ?? outcome;
  }
  if (answer.slowDown) await countSlowDown(ctx, grant.clientId);
  throw pollAnswer(answer.slowDown, answer.interval);
}
