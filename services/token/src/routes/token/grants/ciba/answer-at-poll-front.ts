import type { ClientView } from '@ciba/contracts';
import type { TokenContext } from '../../../../context.ts';
import { gateRefusal } from './check-poll-bounds.ts';
import { pollAnswer } from './poll-answer.ts';

/**
 * The front of a poll for poll and ping clients, in one round trip (`PollFront`): the client's bounds
 * (refused: `checkPollBounds`' answers), then the poll cache (a pending grant's `authorization_pending`
 * or `slow_down`, a `slow_down` counted against the client's penalty threshold). Returns when the
 * cache cannot answer, for the database path. A store that cannot tell is not an outage: the poll goes
 * on to the database, as it would past the bounds and the cache one at a time.
 */
export async function answerAtPollFront(ctx: TokenContext, authReqIdHash: string, client: ClientView): Promise<void> {
  let front;
  try {
    front = await ctx.pollFront.poll(client.client_id, authReqIdHash, new Date());
  } catch (err) {
    ctx.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'poll bounds and cache unavailable; asking the database');
    return;
  }
  if (front.gate.outcome !== 'ok') throw gateRefusal(ctx, client, front.gate);
  if (!('cached' in front) || !front.cached) return;
  if (front.penalty > 0) ctx.logger.warn({ client_id: client.client_id, penalty_s: front.penalty }, 'client put on a polling penalty after repeated slow_down');
  throw pollAnswer(front.cached.outcome === 'slow_down', front.cached.interval);
}
