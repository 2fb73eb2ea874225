import type { UserChannel } from '@ciba/contracts';
import { checkOutboundUrl } from '../clients/check-outbound-url.ts';

/**
 * The rules on a user's channels beyond their shape: webhook URLs follow the outbound URL rules
 * (https and no private address in production, never a fragment or credentials).
 * Returns what is wrong, or undefined.
 */
export function checkUserChannels(channels: UserChannel[], production: boolean): string | undefined {
  for (const [i, channel] of channels.entries()) {
    if (channel.type !== 'webhook') continue;
    const problem = checkOutboundUrl(channel.url, production);
    if (problem) return `channels[${i}].url ${problem}`;
  }
  return undefined;
}
