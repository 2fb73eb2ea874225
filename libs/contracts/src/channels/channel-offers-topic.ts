/**
 * Each channel has its own topic of offers, `ciba.channel-offers.<channel>`, consumed by that
 * channel's own consumer group (`channel.<channel>`), in its own process or embedded. `<channel>` is
 * a built-in type (`webhook`, `email`, `sms`, `push`) or a plug-in's name (see `pluginChannel`).
 */
export const CHANNEL_OFFERS_TOPIC_PREFIX = 'ciba.channel-offers.' as const;

/** The topic of one channel's offers. */
export type ChannelOffersTopic = `${typeof CHANNEL_OFFERS_TOPIC_PREFIX}${string}`;

const CHANNEL = /^[a-z][a-z0-9-]{0,39}$/;

/** `ciba.channel-offers.<channel>`; throws on a name that is not a channel name. */
export function channelOffersTopic(channel: string): ChannelOffersTopic {
  if (!CHANNEL.test(channel)) throw new TypeError(`not a channel name: ${JSON.stringify(channel)}`);
  return `${CHANNEL_OFFERS_TOPIC_PREFIX}${channel}`;
}

/** Whether `topic` is a channel's offers topic. */
export function isChannelOffersTopic(topic: string): topic is ChannelOffersTopic {
  return topic.startsWith(CHANNEL_OFFERS_TOPIC_PREFIX) && CHANNEL.test(topic.slice(CHANNEL_OFFERS_TOPIC_PREFIX.length));
}
