import type { AttemptResult } from './attempt-result.ts';
import type { DeliveryVerdict } from './delivery-verdict.ts';

/** Errors that mean the endpoint itself is not allowed (scheme, credentials, refused address): retrying cannot help. */
const REFUSED = new Set(['outbound_address', 'outbound_url']);

/**
 * Classifies an attempt (CIBA Core §10.2/§10.3 say nothing of retries; these are the rules):
 * 2xx delivered; 429 and 5xx, timeouts and network errors are retried (`Retry-After` honoured); a 3xx
 * is never followed and is final, as is any other 4xx (a 401 or 403 from the client means its
 * `client_notification_token` check failed and will fail again); a refused endpoint is final.
 */
export function classifyAttempt(result: AttemptResult): DeliveryVerdict {
  if ('error' in result) return REFUSED.has(result.error) ? { kind: 'final', reason: 'endpoint_not_allowed' } : { kind: 'retry' };
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 429 || status >= 500) {
    return result.retryAfterSeconds === undefined ? { kind: 'retry' } : { kind: 'retry', retryAfterMs: result.retryAfterSeconds * 1000 };
  }
  if (status >= 300 && status < 400) return { kind: 'final', reason: 'redirected' };
  return { kind: 'final', reason: 'rejected' };
}
