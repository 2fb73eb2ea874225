import type { ClientView } from '@ciba/contracts';
import type { TokenContext } from '../../../../context.ts';
import { countSlowDown } from './count-slow-down.ts';
import { pollAnswer } from './poll-answer.ts';

/**
 * Answers the poll of a pending grant from the poll cache (no database round trip) by throwing
 * `authorization_pending` or `slow_down`; returns when the cache cannot answer, for the database
 * path. Push clients never poll (§10.3), so theirs always take the database path and its error. An
 * unavailable cache is not an outage: the database answers.
 */
export async function answerFromPollCache(ctx: TokenContext, authReqIdHash: string, client: ClientView): Promise<void> {
  if (client.backchannel_token_delivery_mode === 'push') return;
  let cached;
  try {
    cached = await ctx.pollCache.poll(authReqIdHash, client.client_id, new Date());
  } catch (err) {
    ctx.logger.warn({ err }, 'poll cache unavailable; asking the database');
    return;
  }
  if (!cached) return;
  if (cached.outcome === 'slow_down') await countSlowDown(ctx, client.client_id);
  throw pollAnswer(cached.outcome === 'slow_down', cached.interval);
}


