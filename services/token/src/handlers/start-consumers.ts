import type { Subscription } from '@ciba/event-bus';
import type { TokenContext } from '../context.ts';
import { CIBA_GRANT_TOPICS, handleCibaGrantEvent } from './ciba-grant-events.ts';
import { CIBA_GRANTS_GROUP } from './consumer-group.ts';

/** Subscribes the token service's consumers: the CIBA grant projection (auth requests and consent decisions). */
export async function startConsumers(ctx: TokenContext): Promise<Subscription[]> {
  const cibaGrants = await ctx.bus.subscribe({
    group: CIBA_GRANTS_GROUP,
    topics: CIBA_GRANT_TOPICS,
    handler: (event) => handleCibaGrantEvent(ctx, event),
  });
  return [cibaGrants];
}
