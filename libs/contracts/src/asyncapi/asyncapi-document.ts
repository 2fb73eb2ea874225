import { z } from 'zod';
import { channelOffersSchema, topicSchemas, TOPICS } from '../topics.ts';
import { channelDelivery } from '../channels/channel-delivery.ts';
import { CHANNEL_OFFERS_ADDRESS, topicParties, type TopicParty } from './topic-parties.ts';

type Json = Record<string, unknown>;

/** A topic's channel id in the document: its key in `TOPICS`, or `channelOffers`. */
const channelIds: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TOPICS).map(([id, topic]) => [topic, id])),
  [CHANNEL_OFFERS_ADDRESS]: 'channelOffers',
};

const unions: Record<string, z.ZodDiscriminatedUnion> = { ...topicSchemas, [CHANNEL_OFFERS_ADDRESS]: channelOffersSchema } as Record<string, z.ZodDiscriminatedUnion>;

/** JSON Schema draft-07 (what an AsyncAPI Schema Object extends) of a contract, as consumers validate input. */
function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as Json;
  return rest;
}

/** The event type a member of a topic's union carries (its `type` literal). */
function typeOf(member: z.ZodType): string {
  return ((member as z.ZodObject).shape['type'] as z.ZodLiteral<string>).value;
}

/** A message id: the event type with `.` as `-` (ids are `[A-Za-z0-9_-]`). */
const messageId = (type: string) => type.replace(/\./g, '-');

function operation(action: 'send' | 'receive', address: string, party: TopicParty): Json {
  const channel = channelIds[address]!;
  return {
    action,
    channel: { $ref: `#/channels/${channel}` },
    title: `${party.party} ${action === 'send' ? 'sends' : 'receives'}`,
    summary: party.description,
    messages: party.types.map((type) => ({ $ref: `#/channels/${channel}/messages/${messageId(type)}` })),
    ...(party.group ? { bindings: { kafka: { groupId: { type: 'string', const: party.group }, bindingVersion: '0.5.0' } } } : {}),
  };
}

/** An operation id: `<party>_<action>_<channel>`. */
const operationId = (party: string, action: string, channel: string) => `${party}_${action}_${channel}`;

/**
 * The AsyncAPI 3.0 document of every topic of the system, generated from the zod contracts (`npm run
 * contracts:schema` writes it to libs/contracts/asyncapi.json; `npm test` checks it is current). Each
 * event type is a message whose payload is its envelope's JSON Schema; each topic a channel (the
 * channel offers a parameterised one); each producer and consumer group an operation.
 */
export function asyncapiDocument(): Json {
  const messages: Json = {};
  const channels: Json = {};
  for (const [address, union] of Object.entries(unions)) {
    const own: Json = {};
    for (const member of union.options as z.ZodType[]) {
      const type = typeOf(member);
      messages[messageId(type)] = {
        name: type,
        title: type,
        summary: member.description ?? `A ${type} event (CloudEvents envelope).`,
        contentType: 'application/json',
        payload: jsonSchema(member),
        bindings: { kafka: { key: { type: 'string', description: 'The subject: the auth request id, so a request\'s events keep their order.' }, bindingVersion: '0.5.0' } },
      };
      own[messageId(type)] = { $ref: `#/components/messages/${messageId(type)}` };
    }
    const parties = topicParties[address as keyof typeof topicParties];
    channels[channelIds[address]!] = {
      address,
      title: parties.title,
      description: parties.description,
      messages: own,
      ...(address === CHANNEL_OFFERS_ADDRESS
        ? { parameters: { channel: { description: 'The channel: webhook, email, sms, push, or a plug-in name (`^[a-z][a-z0-9-]{0,39}$`).', examples: ['webhook', 'email', 'sms', 'push', 'chat'] } } }
        : {}),
    };
  }
  const operations: Json = {};
  for (const [address, parties] of Object.entries(topicParties)) {
    for (const action of ['send', 'receive'] as const) {
      for (const party of parties[action]) operations[operationId(party.id, action, channelIds[address]!)] = operation(action, address, party);
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'CIBA server events',
      version: '1.0.0',
      description:
        'Every topic of the CIBA server. Events travel in a CloudEvents 1.0 envelope as JSON, keyed by the auth request id, on Kafka (KAFKA_BROKERS) or Redis Streams. They carry identifiers only: what a channel must deliver travels sealed (a JWE under that channel\'s key) in the channel offers. Generated from libs/contracts.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: { host: 'localhost:9092', protocol: 'kafka', description: 'When KAFKA_BROKERS is set: one Kafka topic per channel address.' },
      redis: { host: 'localhost:6379', protocol: 'redis', description: 'Otherwise Redis Streams at REDIS_URL: partition streams per topic under REDIS_NAMESPACE.' },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: { channelDelivery: { ...jsonSchema(channelDelivery), description: 'The plaintext of an offer\'s `sealed` JWE (dir, A256GCM, cty ciba-channel-delivery+json).' } },
    },
  };
}
