import { z } from 'zod';
import { authRequestCreatedV1 } from './events/auth-request/created.v1.ts';
import { consentGrantedV1 } from './events/consent/granted.v1.ts';
import { consentDeniedV1 } from './events/consent/denied.v1.ts';
import { consentExpiredV1 } from './events/consent/expired.v1.ts';
import { clientNotificationDeliveredV1 } from './events/client-notification/delivered.v1.ts';
import { clientNotificationFailedV1 } from './events/client-notification/failed.v1.ts';
import { consentPromptDeliveredV1 } from './events/consent/prompt-delivered.v1.ts';
import { consentPromptUndeliverableV1 } from './events/consent/prompt-undeliverable.v1.ts';
import { tokensIssuedV1 } from './events/token/issued.v1.ts';
import { eventDeadLetteredV1 } from './events/dead-letter/dead-lettered.v1.ts';
import { channelOfferRequestedV1 } from './events/channel-offer/requested.v1.ts';
import { channelOfferDeliveredV1 } from './events/channel-offer/delivered.v1.ts';
import { channelOfferFailedV1 } from './events/channel-offer/failed.v1.ts';
import { channelOfferTimedOutV1 } from './events/channel-offer/timed-out.v1.ts';
import { adminChangedV1 } from './events/admin/changed.v1.ts';
import { isChannelOffersTopic, type ChannelOffersTopic } from './channels/channel-offers-topic.ts';

/**
 * The only place topic names are spelled. `<context>.<aggregate-plural>`, kebab-case, never `_`
 * (Kafka treats `.` and `_` as colliding). Messages are keyed by the auth request id (`subject`).
 */
export const TOPICS = {
  authRequests: 'ciba.auth-requests',
  consentDecisions: 'ciba.consent-decisions',
  consentPrompts: 'ciba.consent-prompts',
  tokens: 'ciba.tokens',
  clientNotifications: 'ciba.client-notifications',
  deadLetters: 'ciba.dead-letters',
  /** What channels did with the offers of `ciba.channel-offers.<channel>` (and the dispatcher's time-outs). */
  channelOutcomes: 'ciba.channel-outcomes',
  /** Changes operators made through the operator API (for the audit trail). */
  adminChanges: 'ciba.admin-changes',
} as const;

/** The topics with fixed names. */
export type FixedTopicName = (typeof TOPICS)[keyof typeof TOPICS];
/** Every topic: the fixed ones and each channel's `ciba.channel-offers.<channel>`. */
export type TopicName = FixedTopicName | ChannelOffersTopic;

/** Every event a topic may carry, as one discriminated union per topic. */
export const topicSchemas = {
  [TOPICS.authRequests]: z.discriminatedUnion('type', [authRequestCreatedV1]),
  [TOPICS.consentDecisions]: z.discriminatedUnion('type', [consentGrantedV1, consentDeniedV1, consentExpiredV1]),
  [TOPICS.consentPrompts]: z.discriminatedUnion('type', [consentPromptDeliveredV1, consentPromptUndeliverableV1]),
  [TOPICS.tokens]: z.discriminatedUnion('type', [tokensIssuedV1]),
  [TOPICS.clientNotifications]: z.discriminatedUnion('type', [clientNotificationDeliveredV1, clientNotificationFailedV1]),
  [TOPICS.deadLetters]: z.discriminatedUnion('type', [eventDeadLetteredV1]),
  [TOPICS.channelOutcomes]: z.discriminatedUnion('type', [channelOfferDeliveredV1, channelOfferFailedV1, channelOfferTimedOutV1]),
  [TOPICS.adminChanges]: z.discriminatedUnion('type', [adminChangedV1]),
} as const satisfies Record<FixedTopicName, z.ZodType>;

/** The events of every `ciba.channel-offers.<channel>` topic. */
export const channelOffersSchema = z.discriminatedUnion('type', [channelOfferRequestedV1]);

/** The event union of one topic. */
export type EventOf<T extends TopicName> = T extends FixedTopicName
  ? z.infer<(typeof topicSchemas)[T]>
  : T extends ChannelOffersTopic
    ? z.infer<typeof channelOffersSchema>
    : never;

/** The contract of a topic, or undefined for a name that is no topic of ours. */
export function schemaOfTopic<T extends TopicName>(topic: T): z.ZodType<EventOf<T>> {
  if (Object.hasOwn(topicSchemas, topic)) return (topicSchemas as Record<string, z.ZodType>)[topic] as z.ZodType<EventOf<T>>;
  if (isChannelOffersTopic(topic)) return channelOffersSchema as unknown as z.ZodType<EventOf<T>>;
  return undefined as unknown as z.ZodType<EventOf<T>>;
}
/** Any event of any topic. */
export type AnyEvent = EventOf<TopicName>;

/** Largest serialized event we accept; bigger ones are dead-lettered, not retried. */
export const MAX_EVENT_BYTES = 64 * 1024;
