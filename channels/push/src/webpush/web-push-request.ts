import { createHash } from 'node:crypto';
import { generateRequestDetails } from 'web-push';
import type { ChannelDelivery, WebPushSubscription } from '@ciba/contracts';
import type { VapidKeys } from './vapid-keys.ts';

/** A Web Push protocol request (RFC 8030 §5): encrypted body and headers, ready to POST to the endpoint. */
export interface WebPushRequest {
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Builds the push message of one offer with the `web-push` library: the device prompt's JSON plus
 * `approval_uri`, encrypted for the subscription (RFC 8291, `aes128gcm`), signed with VAPID
 * (RFC 8292, `Authorization: vapid t=<JWT>, k=<public key>`), kept by the push service until the
 * prompt expires (`TTL`), `Urgency: high`, and a `Topic` per prompt so a newer offer of the same
 * prompt replaces an undelivered older one. Throws when the subscription's keys are not usable.
 *
 * @see https://datatracker.ietf.org/doc/html/rfc8030#section-5
 */
export function webPushRequest(subscription: WebPushSubscription, delivery: ChannelDelivery, vapid: VapidKeys, nowMs: number): WebPushRequest {
  const payload = JSON.stringify({ ...delivery.prompt, approval_uri: delivery.approval_uri });
  const ttl = Math.max(0, Math.floor((Date.parse(delivery.prompt.expires_at) - nowMs) / 1000));
  const details = generateRequestDetails(subscription, payload, {
    vapidDetails: vapid,
    TTL: ttl,
    urgency: 'high',
    contentEncoding: 'aes128gcm',
    topic: promptTopic(delivery.prompt.prompt_id),
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(details.headers)) {
    if (name.toLowerCase() !== 'content-length') headers[name.toLowerCase()] = String(value);
  }
  return { headers, body: new Uint8Array(details.body) };
}

/** RFC 8030 §5.4: at most 32 base64url characters; the prompt id hashed, so it is not repeated in clear. */
function promptTopic(promptId: string): string {
  return createHash('sha256').update(promptId).digest('base64url').slice(0, 32);
}
