import { CHANNEL_OFFERS_TOPIC_PREFIX, isChannelOffersTopic, TOPICS, type TopicName } from '@ciba/contracts';

/**
 * The consumer groups of the services and the topics each reads (their `bus.subscribe` calls; a
 * unit test checks this list against the services' own constants). Each channel's group is
 * `channel.<channel>` on `ciba.channel-offers.<channel>`.
 */
export const SERVICE_GROUPS: ReadonlyArray<{ group: string; topics: readonly TopicName[] }> = [
  { group: 'auth-endpoint.prompt-limits', topics: [TOPICS.consentDecisions] },
  { group: 'consent-dispatcher.prompts', topics: [TOPICS.authRequests] },
  { group: 'consent-dispatcher.outcomes', topics: [TOPICS.channelOutcomes] },
  { group: 'token.ciba-grants', topics: [TOPICS.authRequests, TOPICS.consentDecisions] },
  { group: 'notifier.client-notifications', topics: [TOPICS.consentDecisions] },
  { group: 'audit.recorder', topics: Object.values(TOPICS) },
];

/** The services' groups and one group per channel offers topic among `topics`. */
export function knownGroups(topics: readonly string[]): Array<{ group: string; topics: TopicName[] }> {
  const channels = topics.filter(isChannelOffersTopic).map((topic) => ({ group: `channel.${topic.slice(CHANNEL_OFFERS_TOPIC_PREFIX.length)}`, topics: [topic as TopicName] }));
  return [...SERVICE_GROUPS.map(({ group, topics: read }) => ({ group, topics: [...read] })), ...channels];
}
