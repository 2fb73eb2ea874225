import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_EVENT_BYTES, TOPICS, channelOffersSchema, channelOffersTopic, isChannelOffersTopic, schemaOfTopic, topicSchemas, type AnyEvent, type TopicName } from '@ciba/contracts';
import * as events from '@ciba/contracts/events/index';

const base = {
  specversion: '1.0',
  id: '6f1c1b7e-8a43-4b8e-9a55-0d1f7c3e2a10',
  source: '/services/test',
  time: '2026-11-22T10:00:00.000Z',
  subject: '0b6f4a7c-3b7e-4f0e-8d5c-2e9f6a1b3c4d',
};
const requestId = base.subject;
const offerRef = { offer_id: base.id, request_id: requestId, prompt_id: 'p1', channel: 'push', channel_index: 1, round: 1 };

/** One valid sample per event type. */
const samples: Record<string, { topic: string; event: object }> = {
  [events.ADMIN_CHANGED_V1]: {
    topic: TOPICS.adminChanges,
    event: { ...base, subject: 'alice', type: events.ADMIN_CHANGED_V1, data: { action: 'user.deleted', target: 'alice', actor: 'admin-token', address: '10.0.0.7', correlation_id: 'req-1' } },
  },
  [events.AUTH_REQUEST_CREATED_V1]: {
    topic: TOPICS.authRequests,
    event: {
      ...base,
      type: events.AUTH_REQUEST_CREATED_V1,
      data: {
        request_id: requestId,
        auth_req_id_hash: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
        client_id: 'c1',
        sub: 'alice',
        scope: 'openid',
        delivery_mode: 'poll',
        interval: 5,
        expires_at: '2026-11-22T10:10:00.000Z',
        requested_at: '2026-11-22T10:00:00.000Z',
      },
    },
  },
  [events.CONSENT_EXPIRED_V1]: {
    topic: TOPICS.consentDecisions,
    event: { ...base, type: events.CONSENT_EXPIRED_V1, data: { request_id: requestId, prompt_id: 'p1', client_id: 'c1', sub: 'alice', expired_at: base.time } },
  },
  [events.CLIENT_NOTIFICATION_DELIVERED_V1]: {
    topic: TOPICS.clientNotifications,
    event: { ...base, type: events.CLIENT_NOTIFICATION_DELIVERED_V1, data: { request_id: requestId, client_id: 'c1', mode: 'ping', outcome: 'approved', attempts: 1, last_status: 204, latency_ms: 12 } },
  },
  [events.CLIENT_NOTIFICATION_FAILED_V1]: {
    topic: TOPICS.clientNotifications,
    event: { ...base, type: events.CLIENT_NOTIFICATION_FAILED_V1, data: { request_id: requestId, client_id: 'c1', mode: 'push', outcome: 'approved', attempts: 1, last_status: 401, reason: 'rejected' } },
  },
  [events.CONSENT_GRANTED_V1]: {
    topic: TOPICS.consentDecisions,
    event: { ...base, type: events.CONSENT_GRANTED_V1, data: { request_id: requestId, prompt_id: 'p1', client_id: 'c1', sub: 'alice', decided_at: base.time } },
  },
  [events.CONSENT_DENIED_V1]: {
    topic: TOPICS.consentDecisions,
    event: { ...base, type: events.CONSENT_DENIED_V1, data: { request_id: requestId, prompt_id: 'p1', client_id: 'c1', sub: 'alice', decided_at: base.time } },
  },
  [events.CONSENT_PROMPT_DELIVERED_V1]: {
    topic: TOPICS.consentPrompts,
    event: { ...base, type: events.CONSENT_PROMPT_DELIVERED_V1, data: { request_id: requestId, prompt_id: 'p1', channel_type: 'webhook', channel_index: 0, attempts: 1 } },
  },
  [events.CONSENT_PROMPT_UNDELIVERABLE_V1]: {
    topic: TOPICS.consentPrompts,
    event: { ...base, type: events.CONSENT_PROMPT_UNDELIVERABLE_V1, data: { request_id: requestId, prompt_id: 'p1', channels_tried: 2 } },
  },
  [events.TOKENS_ISSUED_V1]: {
    topic: TOPICS.tokens,
    event: { ...base, type: events.TOKENS_ISSUED_V1, data: { request_id: requestId, client_id: 'c1', grant_type: 'urn:openid:params:grant-type:ciba', access_token_jti: 'j1', refresh_token_issued: true } },
  },
  [events.EVENT_DEAD_LETTERED_V1]: {
    topic: TOPICS.deadLetters,
    event: { ...base, type: events.EVENT_DEAD_LETTERED_V1, data: { topic: TOPICS.tokens, group: 'g', reason: 'unparseable', detail: 'not JSON', original_excerpt: '{', attempts: 1 } },
  },
  [events.CHANNEL_OFFER_REQUESTED_V1]: {
    topic: 'ciba.channel-offers.email',
    event: {
      ...base,
      type: events.CHANNEL_OFFER_REQUESTED_V1,
      data: { offer_id: base.id, request_id: requestId, prompt_id: 'p1', channel: 'email', channel_index: 0, round: 1, deadline_at: base.time, sealed: 'a..b.c.d' },
    },
  },
  [events.CHANNEL_OFFER_DELIVERED_V1]: {
    topic: TOPICS.channelOutcomes,
    event: { ...base, type: events.CHANNEL_OFFER_DELIVERED_V1, data: { ...offerRef, status_code: 250, latency_ms: 3 } },
  },
  [events.CHANNEL_OFFER_FAILED_V1]: {
    topic: TOPICS.channelOutcomes,
    event: { ...base, type: events.CHANNEL_OFFER_FAILED_V1, data: { ...offerRef, reason: 'gone', status_code: 410 } },
  },
  [events.CHANNEL_OFFER_TIMED_OUT_V1]: {
    topic: TOPICS.channelOutcomes,
    event: { ...base, type: events.CHANNEL_OFFER_TIMED_OUT_V1, data: offerRef },
  },
};

const eventTypes = Object.entries(events)
  .filter(([name, value]) => /_V\d+$/.test(name) && typeof value === 'string')
  .map(([, value]) => value as string);

describe('topics', () => {
  it('every exported event type has a sample, and every sample parses on its topic', () => {
    expect(Object.keys(samples).sort()).toEqual([...eventTypes].sort());
    for (const { topic, event } of Object.values(samples)) {
      const parsed = schemaOfTopic(topic as TopicName).parse(event) as AnyEvent;
      expect(parsed.type).toBe((event as { type: string }).type);
      expect(JSON.stringify(parsed).length).toBeLessThan(MAX_EVENT_BYTES);
    }
  });

  it('every event type belongs to exactly one topic union', () => {
    for (const type of eventTypes) {
      const unions = [...Object.entries(topicSchemas), ['ciba.channel-offers.<channel>', channelOffersSchema] as const];
      const topics = unions.filter(([, schema]) => schema.options.some((o) => o.shape.type.value === type));
      expect([type, topics.length]).toEqual([type, 1]);
    }
  });

  it('every event file under src/events is exported', () => {
    const dir = join(__dirname, '..', '..', 'src', 'events');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.v\d+\.ts$/.test(f));
    expect(files).toHaveLength(eventTypes.length);
  });

  it('rejects an event on the wrong topic, an unknown type, or with extra secrets dropped', () => {
    const granted = samples[events.CONSENT_GRANTED_V1]!.event;
    expect(topicSchemas[TOPICS.authRequests].safeParse(granted).success).toBe(false);
    expect(topicSchemas[TOPICS.consentDecisions].safeParse({ ...granted, type: 'ciba.consent.aproved.v1' }).success).toBe(false);
    const parsed = topicSchemas[TOPICS.consentDecisions].parse({ ...granted, data: { ...(granted as { data: object }).data, access_token: 'x' } });
    expect(parsed.data).not.toHaveProperty('access_token');
  });

  it('topic names are kebab-case <context>.<aggregate-plural> without underscores', () => {
    for (const topic of Object.values(TOPICS)) expect(topic).toMatch(/^ciba\.[a-z]+(-[a-z]+)*$/);
  });

  it('channel offer topics: ciba.channel-offers.<channel> for a channel name, and nothing else', () => {
    expect(channelOffersTopic('voice-call')).toBe('ciba.channel-offers.voice-call');
    expect(() => channelOffersTopic('Voice')).toThrow(TypeError);
    expect(() => channelOffersTopic('a_b')).toThrow(TypeError);
    expect(isChannelOffersTopic('ciba.channel-offers.sms')).toBe(true);
    expect(isChannelOffersTopic('ciba.channel-offers.')).toBe(false);
    expect(schemaOfTopic('ciba.channel-offers.sms')).toBe(channelOffersSchema);
    expect(schemaOfTopic('constructor' as TopicName)).toBeUndefined();
  });
});
