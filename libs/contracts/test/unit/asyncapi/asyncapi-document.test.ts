import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import specs from '@asyncapi/specs';
import Ajv from 'ajv';
import { asyncapiDocument } from '../../../src/asyncapi/asyncapi-document.ts';
import { CHANNEL_OFFERS_ADDRESS } from '../../../src/asyncapi/topic-parties.ts';
import { channelOffersSchema, topicSchemas, TOPICS } from '../../../src/topics.ts';

type Json = Record<string, any>;

/**
 * The official AsyncAPI 3.0.0 JSON Schema, compiled. It bundles its own copy of the draft-07
 * meta-schema, so ajv's is left out (`meta: false`) to keep one schema per id.
 */
let compiled: ReturnType<Ajv['compile']> | undefined;
function officialValidator() {
  compiled ??= new Ajv({ meta: false, validateSchema: false, strict: false, allErrors: true, validateFormats: false }).compile(specs.schemas['3.0.0']);
  return compiled;
}
const document = asyncapiDocument() as Json;
const channels = Object.values(document['channels'] as Json) as Json[];
const operations = Object.values(document['operations'] as Json) as Json[];
const messages = document['components']['messages'] as Json;

/** What a `$ref` of the document points at. */
function resolve(ref: string): Json | undefined {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .reduce<Json | undefined>((node, segment) => node?.[segment], document);
}

const typesOf = (union: { options: readonly unknown[] }) => union.options.map((o) => (o as Json)['shape']['type']['value'] as string);

describe('asyncapiDocument', () => {
  it('is an AsyncAPI 3.0.0 document valid against the official JSON Schema (@asyncapi/specs)', () => {
    expect(document['asyncapi']).toBe('3.0.0');
    const validate = officialValidator();
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the official schema refuses a broken document (the validation above can fail)', () => {
    const validate = officialValidator();
    expect(validate({ ...document, operations: { bad: { action: 'publish', channel: { $ref: '#/channels/authRequests' } } } })).toBe(false);
  });

  it('has a channel for every fixed topic and the ciba.channel-offers.{channel} family, with its parameter', () => {
    expect(channels.map((c) => c['address']).sort()).toEqual([...Object.values(TOPICS), CHANNEL_OFFERS_ADDRESS].sort());
    expect(channels.find((c) => c['address'] === CHANNEL_OFFERS_ADDRESS)!['parameters']).toEqual({ channel: expect.objectContaining({ description: expect.any(String) }) });
  });

  it('every event type of every topic is a message of its channel, with the JSON Schema of its envelope as payload', () => {
    const unions: Record<string, { options: readonly unknown[] }> = { ...topicSchemas, [CHANNEL_OFFERS_ADDRESS]: channelOffersSchema };
    for (const channel of channels) {
      const own = Object.values(channel['messages'] as Json).map((m) => resolve((m as Json)['$ref'])!);
      expect(own.map((m) => m['name']).sort()).toEqual(typesOf(unions[channel['address']]!).sort());
      for (const message of own) {
        expect(message['payload']).toMatchObject({ type: 'object', required: expect.arrayContaining(['specversion', 'id', 'type', 'source', 'time', 'subject', 'data']) });
        expect(message['payload']['properties']['type']).toEqual({ type: 'string', const: message['name'] });
      }
    }
    expect(Object.keys(messages)).toHaveLength(channels.reduce((n, c) => n + Object.keys(c['messages']).length, 0));
  });

  it('every message has a sender; every operation points at its channel and at messages of that channel', () => {
    const sent = new Set(operations.filter((o) => o['action'] === 'send').flatMap((o) => (o['messages'] as Json[]).map((m) => resolve(m['$ref'])!['$ref'])));
    expect([...sent].sort()).toEqual(Object.keys(messages).map((id) => `#/components/messages/${id}`).sort());
    for (const op of operations) {
      const channelRef = op['channel']['$ref'] as string;
      expect(resolve(channelRef)).toBeDefined();
      for (const m of op['messages'] as Json[]) {
        expect(m['$ref'].startsWith(`${channelRef}/messages/`)).toBe(true);
        expect(resolve(m['$ref'])).toBeDefined();
      }
    }
  });

  it('names the consumer groups of the receivers', () => {
    const groups = operations.filter((o) => o['action'] === 'receive').map((o) => o['bindings']?.['kafka']?.['groupId']?.['const']);
    expect(groups.sort()).toEqual(['channel.{channel}', ...Array(8).fill('audit.recorder'), 'consent-dispatcher.outcomes', 'consent-dispatcher.prompts', 'notifier.client-notifications', 'token.ciba-grants', 'token.ciba-grants'].sort());
  });

  it('payloads are self-contained (no $ref into another document part)', () => {
    expect(JSON.stringify(messages)).not.toContain('"$ref"');
  });

  it('libs/contracts/asyncapi.json is the generated document (npm run contracts:schema)', () => {
    const file = readFileSync(join(__dirname, '..', '..', '..', 'asyncapi.json'), 'utf8');
    expect(JSON.parse(file)).toEqual(document);
  });
});
