import { schemaOfTopic, TOPICS, type AnyEvent, type TopicName } from '@ciba/contracts';
import * as events from '@ciba/contracts/events/index';

/** Values no line of the monitor may show, planted in every field that could carry them. */
export const PLANTED = { sub: 'sub-alice-planted', binding: 'BIND-PLANTED', sealed: 'sealed.jwe.planted', hash: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg', excerpt: '{"decision_token":"dt-planted"}', detail: 'Error: dt-planted in the message', scope: 'openid planted-scope', acr: 'acr-planted', jti: 'jti-planted' };

const base = { specversion: '1.0', source: '/services/test', subject: '0b6f4a7c-3b7e-4f0e-8d5c-2e9f6a1b3c4d' } as const;
const requestId = base.subject;
const offerRef = { offer_id: '6f1c1b7e-8a43-4b8e-9a55-0d1f7c3e2a10', request_id: requestId, prompt_id: 'p1', channel: 'push', channel_index: 1, round: 1 };
let n = 0;
const id = () => `6f1c1b7e-8a43-4b8e-9a55-${String(++n).padStart(12, '0')}`;

/** One valid event of each type at `time`, validated against its topic's contract. */
export function sampleEvents(time = '2026-11-22T10:00:01.000Z'): Array<{ topic: TopicName; event: AnyEvent }> {
  const e = (topic: TopicName, type: string, data: object) => ({ topic, event: schemaOfTopic(topic).parse({ ...base, id: id(), time, type, data }) as AnyEvent });
  return [
    e(TOPICS.authRequests, events.AUTH_REQUEST_CREATED_V1, { request_id: requestId, auth_req_id_hash: PLANTED.hash, client_id: 'c1', sub: PLANTED.sub, scope: PLANTED.scope, acr_values: PLANTED.acr, binding_message: PLANTED.binding, delivery_mode: 'ping', interval: 5, expires_at: '2026-11-22T10:10:00.000Z', requested_at: '2026-11-22T10:00:00.000Z' }),
    e('ciba.channel-offers.push', events.CHANNEL_OFFER_REQUESTED_V1, { ...offerRef, deadline_at: time, sealed: PLANTED.sealed }),
    e(TOPICS.channelOutcomes, events.CHANNEL_OFFER_DELIVERED_V1, { ...offerRef, status_code: 201, latency_ms: 3 }),
    e(TOPICS.channelOutcomes, events.CHANNEL_OFFER_FAILED_V1, { ...offerRef, reason: 'gone', status_code: 410 }),
    e(TOPICS.channelOutcomes, events.CHANNEL_OFFER_TIMED_OUT_V1, offerRef),
    e(TOPICS.consentPrompts, events.CONSENT_PROMPT_DELIVERED_V1, { request_id: requestId, prompt_id: 'p1', channel_type: 'push', channel_index: 1, attempts: 2 }),
    e(TOPICS.consentPrompts, events.CONSENT_PROMPT_UNDELIVERABLE_V1, { request_id: requestId, prompt_id: 'p1', channels_tried: 2 }),
    e(TOPICS.consentDecisions, events.CONSENT_GRANTED_V1, { request_id: requestId, prompt_id: 'p1', client_id: 'c1', sub: PLANTED.sub, decided_at: time }),
    e(TOPICS.consentDecisions, events.CONSENT_DENIED_V1, { request_id: requestId, prompt_id: 'p1', client_id: 'c1', sub: PLANTED.sub, decided_at: time }),
    e(TOPICS.consentDecisions, events.CONSENT_EXPIRED_V1, { request_id: requestId, prompt_id: 'p1', client_id: 'c1', sub: PLANTED.sub, expired_at: time }),
    e(TOPICS.clientNotifications, events.CLIENT_NOTIFICATION_DELIVERED_V1, { request_id: requestId, client_id: 'c1', mode: 'ping', outcome: 'approved', attempts: 1, last_status: 204, latency_ms: 12 }),
    e(TOPICS.clientNotifications, events.CLIENT_NOTIFICATION_FAILED_V1, { request_id: requestId, client_id: 'c1', mode: 'push', outcome: 'approved', attempts: 3, last_status: 401, reason: 'rejected' }),
    e(TOPICS.tokens, events.TOKENS_ISSUED_V1, { request_id: requestId, client_id: 'c1', grant_type: 'urn:openid:params:grant-type:ciba', access_token_jti: PLANTED.jti, refresh_token_issued: true }),
    e(TOPICS.deadLetters, events.EVENT_DEAD_LETTERED_V1, { topic: TOPICS.tokens, group: 'token.ciba-grants', key: requestId, reason: 'handler_failed', detail: PLANTED.detail, original_id: id(), original_excerpt: PLANTED.excerpt, attempts: 5 }),
    { topic: TOPICS.adminChanges, event: schemaOfTopic(TOPICS.adminChanges).parse({ ...base, subject: PLANTED.sub, id: id(), time, type: events.ADMIN_CHANGED_V1, data: { action: 'user.deleted', target: PLANTED.sub, actor: 'admin-token', address: '10.0.0.7', correlation_id: 'ticket-7' } }) as AnyEvent },
  ];
}
