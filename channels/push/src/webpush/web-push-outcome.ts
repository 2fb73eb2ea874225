import type { ChannelResult } from '@ciba/channel-kit';

/**
 * What the push service's answer means (RFC 8030 §5, §7.3). 2xx (201 Created): the push service holds
 * the message. 404, 410: the subscription expired or was withdrawn: `gone`, and the dispatcher stops
 * using the entry. 3xx (never followed): `redirected`. Anything else (429, 5xx, 400, 403 VAPID key
 * mismatch, 413 too large): `rejected`.
 */
export function webPushOutcome(status: number): ChannelResult {
  if (status >= 200 && status < 300) return { delivered: true, statusCode: status };
  if (status === 404 || status === 410) return { delivered: false, reason: 'gone', statusCode: status };
  return { delivered: false, reason: status >= 300 && status < 400 ? 'redirected' : 'rejected', statusCode: status };
}
