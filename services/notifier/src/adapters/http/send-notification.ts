import { OutboundError, postJson } from '@ciba/service-kit';
import type { AttemptResult } from '../../domain/attempt-result.ts';

export interface SendNotificationOptions {
  /** Bound on the whole call, milliseconds. */
  timeoutMs: number;
  /** Production rules: https only, public addresses only, checked on the address connected to. */
  production: boolean;
}

/**
 * POSTs a ping or push body to the client's notification endpoint with `Authorization: Bearer
 * <client_notification_token>` and `Content-Type: application/json` (CIBA Core §10.2, §10.3) through
 * the service kit's guarded `postJson`: no redirect followed, the answer's body read up to a cap and
 * ignored. Resolves with the status (and `Retry-After`) or the code of the error that stopped it.
 */
export async function sendNotification(url: string, bearer: string, body: object, options: SendNotificationOptions): Promise<AttemptResult> {
  try {
    const { status, retryAfter } = await postJson(url, body, {
      timeoutMs: options.timeoutMs,
      production: options.production,
      headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
      traceTarget: 'client-notification',
    });
    return retryAfter === undefined ? { status } : { status, retryAfterSeconds: retryAfter };
  } catch (err) {
    if (err instanceof OutboundError) return { error: err.code };
    throw err;
  }
}
