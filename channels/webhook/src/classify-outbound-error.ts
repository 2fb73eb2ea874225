import { OutboundError, OutboundNetworkError, OutboundTimeoutError } from '@ciba/service-kit';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * What a failed outbound call came to: the `OutboundError` the guarded agent raised (refused address,
 * somewhere in the cause chain), a timeout (the signal aborted, or undici's own timeouts), or a
 * network error.
 */
export function classifyOutboundError(err: unknown, signal: AbortSignal): OutboundError {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundError) return e;
  }
  const code = (err as { code?: string })?.code;
  if (signal.aborted || (code && TIMEOUT_CODES.has(code)) || (err as Error)?.name === 'TimeoutError') return new OutboundTimeoutError({ cause: err });
  return new OutboundNetworkError({ cause: err });
}
