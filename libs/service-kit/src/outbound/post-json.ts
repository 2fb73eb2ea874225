import { request } from 'undici';
import { checkOutboundUrl } from './check-outbound-url.ts';
import { outboundAgent } from './outbound-agent.ts';
import { OutboundError, OutboundNetworkError, OutboundTimeoutError } from './outbound-errors.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { outboundCall } from '../tracing/outbound-call.ts';

export interface PostJsonOptions {
  /** Bound on the whole call: connecting, waiting for the answer and reading it. */
  timeoutMs: number;
  /** Extra request headers (e.g. `Authorization`); `content-type` is always `application/json`. */
  headers?: Record<string, string>;
  /** Production rules: https only, public addresses only (see `isPublicAddress`). */
  production: boolean;
  /** Response bytes read, then discarded, before the connection is dropped. @defaultValue 16 KiB */
  maxResponseBytes?: number;
  /** What the receiver is, for the call's trace span (`POST <target>`). @defaultValue callback */
  traceTarget?: string;
}

export interface PostJsonResult {
  /** The HTTP status. A 3xx is never followed: it is the answer. */
  status: number;
  /** `Retry-After`, in seconds, when the receiver sent one. */
  retryAfter?: number;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * POSTs `body` as JSON to a URL someone else chose (a device webhook, a client's notification
 * endpoint) without letting it steer the server: no redirects followed, one timeout for everything,
 * the answer's body read up to a small cap and discarded, and in production only https to public
 * addresses, checked on the address actually connected to; W3C trace context in the headers (see
 * `outboundCall`). Resolves with the status whatever it is;
 * throws an `OutboundError` (`OutboundTimeoutError`, `OutboundNetworkError`, `OutboundAddressError`,
 * `OutboundUrlError`) when no answer came.
 */
export function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<PostJsonResult> {
  return outboundCall(options.traceTarget ?? 'callback', (trace) => send(url, body, options, trace));
}

async function send(url: string, body: unknown, options: PostJsonOptions, trace: Record<string, string>): Promise<PostJsonResult> {
  const target = checkOutboundUrl(url, options.production);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await request(target, {
      method: 'POST',
      headers: { 'user-agent': 'ciba-server', ...trace, ...options.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      dispatcher: outboundAgent(options.production, options.timeoutMs),
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    await discardBody(res.body, options.maxResponseBytes ?? 16 * 1024);
    const retryAfter = parseRetryAfter(res.headers['retry-after']);
    return retryAfter === undefined ? { status: res.statusCode } : { status: res.statusCode, retryAfter };
  } catch (err) {
    throw classify(err, signal);
  }
}

/** Reads at most `cap` bytes of the answer; a larger or stalled body is cut off (the status stands). */
async function discardBody(body: AsyncIterable<Buffer> & { destroy(): unknown }, cap: number): Promise<void> {
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > cap) break;
    }
  } catch {
    // the answer's status is what counts
  } finally {
    body.destroy();
  }
}

function classify(err: unknown, signal: AbortSignal): OutboundError {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundError) return e;
  }
  const code = (err as { code?: string })?.code;
  if (signal.aborted || (code && TIMEOUT_CODES.has(code)) || (err as Error)?.name === 'TimeoutError') {
    return new OutboundTimeoutError({ cause: err });
  }
  return new OutboundNetworkError({ cause: err });
}

