import type { TokenContext } from '../../../../context.ts';

/**
 * Counts a `slow_down` answered to the client against its penalty threshold, and logs (once) a
 * penalty it starts; a Redis that cannot tell is only logged.
 */
export async function countSlowDown(ctx: TokenContext, clientId: string): Promise<void> {
  try {
    const penalty = await ctx.pollBounds.slowedDown(clientId);
    if (penalty > 0) ctx.logger.warn({ client_id: clientId, penalty_s: penalty }, 'client put on a polling penalty after repeated slow_down');
  } catch (err) {
    ctx.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'poll bounds unavailable; slow_down not counted');
  }
}
