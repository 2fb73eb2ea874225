import type { ChannelType, UserChannel } from '@ciba/contracts';
import { entryHash } from './entry-hash.ts';

/** A user's channel entry the prompt may be offered to, with its position in the user's list. */
export interface EligibleChannel {
  index: number;
  entry: UserChannel;
  hash: string;
}

/**
 * The user's entries in their order, without the types the client does not allow
 * (`consent_channel_types`; absent: every type) and the entries recorded as disabled.
 */
export function eligibleChannels(channels: readonly UserChannel[], allowed: readonly ChannelType[] | undefined, disabled: ReadonlySet<string>): EligibleChannel[] {
  const eligible: EligibleChannel[] = [];
  for (const [index, entry] of channels.entries()) {
    if (allowed && !allowed.includes(entry.type)) continue;
    const hash = entryHash(entry);
    if (!disabled.has(hash)) eligible.push({ index, entry, hash });
  }
  return eligible;
}
