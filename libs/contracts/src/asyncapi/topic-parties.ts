import { TOPICS, type FixedTopicName } from '../topics.ts';

/** One side of a topic: who publishes on it, or who consumes it and in which consumer group. */
export interface TopicParty {
  /** Short name in operation ids. */
  id: string;
  /** `services/<name>`, `channels/<name>`, `libs/event-bus`, or a plug-in. */
  party: string;
  /** The consumer group (`<service>.<purpose>`), for a receiver. */
  group?: string;
  /** The event types this party sends or handles. */
  types: readonly string[];
  description: string;
}

export interface TopicParties {
  title: string;
  description: string;
  send: readonly TopicParty[];
  receive: readonly TopicParty[];
}

/** The offers family: `ciba.channel-offers.{channel}`, as spelled in the AsyncAPI document. */
export const CHANNEL_OFFERS_ADDRESS = 'ciba.channel-offers.{channel}';

/**
 * Who sends and who receives each topic (the services' outbox and subscribe code), for the AsyncAPI
 * document. A catalogue: keep it in step with the services when a producer or a consumer group changes.
 */
const parties: Record<FixedTopicName | typeof CHANNEL_OFFERS_ADDRESS, TopicParties> = {
  [TOPICS.authRequests]: {
    title: 'Auth requests',
    description: 'Accepted backchannel authentication requests (CIBA Core §7), keyed by the request id.',
    send: [{ id: 'auth-endpoint', party: 'services/auth-endpoint', types: ['ciba.auth_request.created.v1'], description: 'POST /bc-authorize accepted a request (transactional outbox).' }],
    receive: [
      { id: 'consent-dispatcher', party: 'services/consent-dispatcher', group: 'consent-dispatcher.prompts', types: ['ciba.auth_request.created.v1'], description: 'Creates the consent prompt and offers it to the user\'s first channel.' },
      { id: 'token', party: 'services/token', group: 'token.ciba-grants', types: ['ciba.auth_request.created.v1'], description: 'Projects the request for the CIBA grant (poll answers).' },
    ],
  },
  [TOPICS.consentDecisions]: {
    title: 'Consent decisions',
    description: 'The user approved or denied on the device, or the request expired undecided.',
    send: [{ id: 'consent-dispatcher', party: 'services/consent-dispatcher', types: ['ciba.consent.granted.v1', 'ciba.consent.denied.v1', 'ciba.consent.expired.v1'], description: 'A decision or the expiry (transactional outbox).' }],
    receive: [
      { id: 'token', party: 'services/token', group: 'token.ciba-grants', types: ['ciba.consent.granted.v1', 'ciba.consent.denied.v1', 'ciba.consent.expired.v1'], description: 'Settles the CIBA grant: tokens on approval, access_denied or expired_token otherwise.' },
      { id: 'notifier', party: 'services/notifier', group: 'notifier.client-notifications', types: ['ciba.consent.granted.v1', 'ciba.consent.denied.v1', 'ciba.consent.expired.v1'], description: 'Pings or pushes to the client (CIBA Core §10.2, §10.3).' },
    ],
  },
  [TOPICS.consentPrompts]: {
    title: 'Consent prompts',
    description: 'Whether a prompt reached one of the user\'s channels, or none (for operators and metrics).',
    send: [{ id: 'consent-dispatcher', party: 'services/consent-dispatcher', types: ['ciba.consent_prompt.delivered.v1', 'ciba.consent_prompt.undeliverable.v1'], description: 'A channel delivered the prompt, or every round of channels failed.' }],
    receive: [],
  },
  [TOPICS.tokens]: {
    title: 'Tokens',
    description: 'Tokens issued for a request (identifiers only, never the tokens).',
    send: [{ id: 'token', party: 'services/token', types: ['ciba.tokens.issued.v1'], description: 'The CIBA grant issued tokens (transactional outbox).' }],
    receive: [],
  },
  [TOPICS.clientNotifications]: {
    title: 'Client notifications',
    description: 'Outcome of the ping or push callback to the client.',
    send: [{ id: 'notifier', party: 'services/notifier', types: ['ciba.client_notification.delivered.v1', 'ciba.client_notification.failed.v1'], description: 'The callback was answered 2xx, or failed for good.' }],
    receive: [],
  },
  [TOPICS.deadLetters]: {
    title: 'Dead letters',
    description: 'Messages a consumer could not parse or handle within its attempts, set aside for operators.',
    send: [{ id: 'event-bus', party: 'libs/event-bus', types: ['ciba.event.dead_lettered.v1'], description: 'Every consumer group of every service (and the outbox relay, for an off-contract row).' }],
    receive: [],
  },
  [TOPICS.channelOutcomes]: {
    title: 'Channel outcomes',
    description: 'What a channel did with an offer, and the dispatcher\'s time-outs.',
    send: [
      { id: 'channels', party: 'channels/<channel> and plug-ins', types: ['ciba.channel_offer.delivered.v1', 'ciba.channel_offer.failed.v1'], description: 'runChannel (libs/channel-kit) answers every offer it consumed.' },
      { id: 'consent-dispatcher', party: 'services/consent-dispatcher', types: ['ciba.channel_offer.timed_out.v1'], description: 'No answer by the offer\'s deadline: the dispatcher moved on.' },
    ],
    receive: [
      { id: 'consent-dispatcher', party: 'services/consent-dispatcher', group: 'consent-dispatcher.outcomes', types: ['ciba.channel_offer.delivered.v1', 'ciba.channel_offer.failed.v1'], description: 'Marks the prompt delivered, or offers the user\'s next channel.' },
    ],
  },
  [TOPICS.adminChanges]: {
    title: 'Admin changes',
    description: 'What operators changed through the operator API: users, clients, signing keys (identifiers only).',
    send: [{ id: 'token', party: 'services/token', types: ['ciba.admin.changed.v1'], description: 'PUT/DELETE /admin/users, POST /register, POST /admin/keys/rotate (transactional outbox).' }],
    receive: [],
  },
  [CHANNEL_OFFERS_ADDRESS]: {
    title: 'Channel offers',
    description:
      'One topic per channel: a built-in type (webhook, email, sms, push) or a plug-in\'s name. The offer carries identifiers in clear and, sealed as a JWE under the channel\'s own key, what to deliver (see channels/channel-delivery).',
    send: [{ id: 'consent-dispatcher', party: 'services/consent-dispatcher', types: ['ciba.channel_offer.requested.v1'], description: 'Offers the prompt to one channel of the user (transactional outbox).' }],
    receive: [
      { id: 'channels', party: 'channels/<channel> and plug-ins', group: 'channel.{channel}', types: ['ciba.channel_offer.requested.v1'], description: 'Opens the offer with the channel key, delivers it, answers on ciba.channel-outcomes.' },
    ],
  },
};

/** The audit service records every event of every fixed topic (`services/audit`, group `audit.recorder`). */
export const topicParties: Record<FixedTopicName | typeof CHANNEL_OFFERS_ADDRESS, TopicParties> = Object.fromEntries(
  Object.entries(parties).map(([address, topic]) => [
    address,
    address === CHANNEL_OFFERS_ADDRESS
      ? topic
      : {
          ...topic,
          receive: [
            ...topic.receive,
            { id: 'audit', party: 'services/audit', group: 'audit.recorder', types: topic.send.flatMap((sender) => sender.types), description: 'Appends an audit record (append-only, queried by operators).' },
          ],
        },
  ]),
) as Record<FixedTopicName | typeof CHANNEL_OFFERS_ADDRESS, TopicParties>;
