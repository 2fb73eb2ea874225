import type { ChannelResult } from '@ciba/channel-kit';

/**
 * What FCM's answer to `messages:send` means. 2xx: delivered to FCM. 404, 410, or an `UNREGISTERED`
 * error code (the app was uninstalled, the token expired): `gone`, and the dispatcher stops using the
 * entry. 3xx (never followed): `redirected`. Anything else (429 quota, 5xx, 400 for a bad message,
 * 403 sender mismatch): `rejected`.
 *
 * @see https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode
 */
export function fcmOutcome(status: number, body: Buffer): ChannelResult {
  if (status >= 200 && status < 300) return { delivered: true, statusCode: status };
  if (status === 404 || status === 410 || errorCodes(body).includes('UNREGISTERED')) return { delivered: false, reason: 'gone', statusCode: status };
  return { delivered: false, reason: status >= 300 && status < 400 ? 'redirected' : 'rejected', statusCode: status };
}

/** The `errorCode`s of a Google API error (`{error: {details: [{errorCode}]}}`); none when it is not one. */
function errorCodes(body: Buffer): string[] {
  try {
    const details = (JSON.parse(body.toString('utf8')) as { error?: { details?: unknown } })?.error?.details;
    if (!Array.isArray(details)) return [];
    return details.map((detail: { errorCode?: unknown }) => detail?.errorCode).filter((code): code is string => typeof code === 'string');
  } catch {
    return [];
  }
}
