import type { ChannelDeadlines } from '../config/parse-channel-deadlines.ts';

/** Milliseconds `channel` (a type or a plug-in's name) has to answer an offer. */
export function channelDeadlineMs(deadlines: ChannelDeadlines, channel: string): number {
  return Object.hasOwn(deadlines.byChannel, channel) ? deadlines.byChannel[channel]! : deadlines.default;
}
