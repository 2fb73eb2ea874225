import type { TokenContext } from '../../../../context.ts';

/** Counts a `slow_down` answered to the client against its penalty threshold; a Redis that cannot tell is only logged. */
export async function countSlowDown(ctx: TokenContext, clientId: string): Promise<void> {
  try {
    await ctx.pollBounds.slowedDown(clientId);
  } catch (err) {
    ctx.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'poll bounds unavailable; slow_down not counted');
  }
}
