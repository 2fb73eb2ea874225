import {
  ADMIN_CHANGED_V1,
  AUTH_REQUEST_CREATED_V1,
  CHANNEL_OFFER_DELIVERED_V1,
  CHANNEL_OFFER_FAILED_V1,
  CHANNEL_OFFER_REQUESTED_V1,
  CHANNEL_OFFER_TIMED_OUT_V1,
  CLIENT_NOTIFICATION_DELIVERED_V1,
  CLIENT_NOTIFICATION_FAILED_V1,
  CONSENT_DENIED_V1,
  CONSENT_EXPIRED_V1,
  CONSENT_GRANTED_V1,
  CONSENT_PROMPT_DELIVERED_V1,
  CONSENT_PROMPT_UNDELIVERABLE_V1,
  EVENT_DEAD_LETTERED_V1,
  TOKENS_ISSUED_V1,
  type AnyEvent,
} from '@ciba/contracts';
import type { LifecycleEvent, SafeValue, Stage } from './lifecycle-event.ts';
import { pick } from './pick.ts';

type Described = Pick<LifecycleEvent, 'stage' | 'fields'> & Partial<Pick<LifecycleEvent, 'clientId' | 'sub' | 'requestedAtMs' | 'requestId'>>;

/**
 * The allow-list: per event type, the stage and the fields the monitor may print. Everything not
 * named here stays unprinted: `sealed` offers, `binding_message`, `auth_req_id_hash`, `sub` (kept
 * for `--user` only), the dead letters' excerpts and free-text details.
 */
function describe(event: AnyEvent): Described {
  switch (event.type) {
    case AUTH_REQUEST_CREATED_V1: {
      const { data } = event;
      const expiresIn = Math.round((Date.parse(data.expires_at) - Date.parse(data.requested_at)) / 1000);
      return { stage: 'requested', clientId: data.client_id, sub: data.sub, requestedAtMs: Date.parse(data.requested_at), fields: { client_id: data.client_id, delivery_mode: data.delivery_mode, expires_in: expiresIn } };
    }
    case CHANNEL_OFFER_REQUESTED_V1:
      return { stage: 'prompted', fields: pick(event.data, ['channel', 'channel_index', 'round', 'offer_id']) };
    case CHANNEL_OFFER_DELIVERED_V1:
      return { stage: 'offer_delivered', fields: pick(event.data, ['channel', 'channel_index', 'round', 'status_code', 'latency_ms']) };
    case CHANNEL_OFFER_FAILED_V1:
      return { stage: 'offer_failed', fields: pick(event.data, ['channel', 'channel_index', 'round', 'reason', 'status_code', 'latency_ms']) };
    case CHANNEL_OFFER_TIMED_OUT_V1:
      return { stage: 'offer_timed_out', fields: pick(event.data, ['channel', 'channel_index', 'round']) };
    case CONSENT_PROMPT_DELIVERED_V1:
      return { stage: 'delivered', fields: pick(event.data, ['channel_type', 'channel_index', 'attempts']) };
    case CONSENT_PROMPT_UNDELIVERABLE_V1:
      return { stage: 'undeliverable', fields: pick(event.data, ['channels_tried']) };
    case CONSENT_GRANTED_V1:
    case CONSENT_DENIED_V1:
      return { stage: event.type === CONSENT_GRANTED_V1 ? 'approved' : 'denied', clientId: event.data.client_id, sub: event.data.sub, fields: pick(event.data, ['client_id']) };
    case CONSENT_EXPIRED_V1:
      return { stage: 'expired', clientId: event.data.client_id, sub: event.data.sub, fields: pick(event.data, ['client_id']) };
    case CLIENT_NOTIFICATION_DELIVERED_V1:
      return { stage: 'notified', clientId: event.data.client_id, fields: pick(event.data, ['client_id', 'mode', 'outcome', 'attempts', 'last_status', 'latency_ms']) };
    case CLIENT_NOTIFICATION_FAILED_V1:
      return { stage: 'notify_failed', clientId: event.data.client_id, fields: pick(event.data, ['client_id', 'mode', 'outcome', 'attempts', 'last_status', 'reason']) };
    case TOKENS_ISSUED_V1: {
      const stage: Stage = event.data.grant_type === 'refresh_token' ? 'refreshed' : 'redeemed';
      return { stage, clientId: event.data.client_id, fields: pick(event.data, ['client_id', 'refresh_token_issued']) };
    }
    case EVENT_DEAD_LETTERED_V1:
      return { stage: 'dead_lettered', fields: pick(event.data, ['topic', 'group', 'reason', 'attempts', 'original_id']) };
    case ADMIN_CHANGED_V1:
      // Keyed by its target (a user's sub, a client id): shown under the correlation id instead, target unprinted.
      return { stage: 'admin_changed', requestId: `admin:${event.data.correlation_id}`, fields: pick(event.data, ['action', 'actor']) };
  }
}

/** The lifecycle view of one validated event of `topic`. */
export function describeEvent(topic: string, event: AnyEvent): LifecycleEvent {
  const described = describe(event);
  const fields: Record<string, SafeValue> = described.fields;
  return { requestId: event.subject, type: event.type, topic, eventId: event.id, timeMs: Date.parse(event.time), ...described, fields };
}
