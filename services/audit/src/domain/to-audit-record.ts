import type { EventOf, FixedTopicName } from '@ciba/contracts';
import type { AuditRecord } from './audit-record.ts';

type AnyEvent = EventOf<FixedTopicName>;

/**
 * The audit record of an event: who, what, when and the correlation id, with an allow-list of facts
 * per event type (never the event minus a deny-list, so a field added to a contract later stays out
 * until someone decides it belongs here). Binding messages, scopes' meaning, addresses of channels,
 * tokens and hashes never enter it.
 */
export function toAuditRecord(event: AnyEvent): AuditRecord {
  const base = { eventId: event.id, occurredAt: new Date(event.time), action: event.type, source: event.source, target: null, address: null };
  const request = (requestId: string, clientId: string | null, sub: string | null) => ({ requestId, clientId, sub, correlationId: requestId });
  switch (event.type) {
    case 'ciba.auth_request.created.v1':
      return { ...base, ...request(event.data.request_id, event.data.client_id, event.data.sub), category: 'auth_request', actor: `client:${event.data.client_id}`, details: { delivery_mode: event.data.delivery_mode, scope: event.data.scope, expires_at: event.data.expires_at } };
    case 'ciba.consent.granted.v1':
    case 'ciba.consent.denied.v1':
      return { ...base, ...request(event.data.request_id, event.data.client_id, event.data.sub), category: 'auth_request', actor: `user:${event.data.sub}`, details: { prompt_id: event.data.prompt_id } };
    case 'ciba.consent.expired.v1':
      return { ...base, ...request(event.data.request_id, event.data.client_id, event.data.sub), category: 'auth_request', actor: 'system', details: {} };
    case 'ciba.consent_prompt.delivered.v1':
    case 'ciba.consent_prompt.undeliverable.v1':
      return { ...base, ...request(event.data.request_id, null, null), category: 'prompt', actor: 'system', details: promptDetails(event.data) };
    case 'ciba.tokens.issued.v1':
      return { ...base, ...request(event.data.request_id, event.data.client_id, null), category: 'token', actor: `client:${event.data.client_id}`, details: { grant_type: event.data.grant_type, refresh_token_issued: event.data.refresh_token_issued } };
    case 'ciba.client_notification.delivered.v1':
    case 'ciba.client_notification.failed.v1':
      return { ...base, ...request(event.data.request_id, event.data.client_id, null), category: 'notification', actor: 'system', details: notificationDetails(event.data) };
    case 'ciba.channel_offer.delivered.v1':
    case 'ciba.channel_offer.failed.v1':
    case 'ciba.channel_offer.timed_out.v1':
      return { ...base, ...request(event.data.request_id, null, null), category: 'channel', actor: `channel:${event.data.channel}`, details: channelDetails(event.data) };
    case 'ciba.event.dead_lettered.v1':
      return { ...base, requestId: null, clientId: null, sub: null, correlationId: event.subject, category: 'operations', actor: 'system', details: { group: event.data.group, topic: event.data.topic, reason: event.data.reason, attempts: event.data.attempts } };
    case 'ciba.admin.changed.v1':
      return {
        ...base,
        requestId: null,
        clientId: event.data.action === 'client.registered' ? event.data.target : null,
        sub: event.data.action.startsWith('user.') ? event.data.target : null,
        target: event.data.target,
        address: event.data.address ?? null,
        correlationId: event.data.correlation_id,
        category: 'admin',
        action: event.data.action,
        actor: `operator:${event.data.actor}`,
        details: {},
      };
  }
}

/** Only scalar facts we name, from an event's data. */
function pick(data: object, keys: readonly string[]): Record<string, string | number | boolean> {
  const facts: Record<string, string | number | boolean> = {};
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') facts[key] = value;
  }
  return facts;
}

const promptDetails = (data: object) => pick(data, ['prompt_id', 'channel_type', 'channel_index', 'attempts', 'channels_tried']);
const notificationDetails = (data: object) => pick(data, ['mode', 'outcome', 'attempts', 'last_status', 'reason']);
const channelDetails = (data: object) => pick(data, ['prompt_id', 'offer_id', 'channel', 'channel_index', 'round', 'reason', 'status_code', 'latency_ms']);
