import { request } from 'undici';
import { checkOutboundUrl, outboundAgent, outboundCall } from '@ciba/service-kit';
import { classifyOutboundError } from './classify-outbound-error.ts';

export interface PostWebhookOptions {
  /** Bound on the whole call: connecting, waiting for the answer and reading it. */
  timeoutMs: number;
  /** Production rules: https only, public addresses only, checked on the address connected to. */
  production: boolean;
  /** Aborts the call (the offer's deadline, the process stopping); counts as a timeout. */
  signal: AbortSignal;
  /** Extra request headers (`Ciba-Signature`); `content-type` is always `application/json`. */
  headers?: Record<string, string>;
}

/** Answer bytes read, then discarded, before the connection is dropped. */
const MAX_RESPONSE_BYTES = 16 * 1024;

/**
 * POSTs `body`, a JSON text sent byte for byte (what was signed is what arrives), to a URL the user
 * chose: through service-kit's guarded agent (every connection's address vetted), never following a
 * redirect (a 3xx is the answer), the answer's body read up to a small cap and discarded; W3C trace
 * context in the headers (`outboundCall`). Resolves with
 * the HTTP status whatever it is; throws an `OutboundError` when no answer came.
 */
export function postWebhook(url: string, body: string, options: PostWebhookOptions): Promise<number> {
  return outboundCall('device-webhook', (trace) => send(url, body, options, trace));
}

async function send(url: string, body: string, options: PostWebhookOptions, trace: Record<string, string>): Promise<number> {
  const target = checkOutboundUrl(url, options.production);
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  try {
    const res = await request(target, {
      method: 'POST',
      headers: { 'user-agent': 'ciba-server', ...trace, ...options.headers, 'content-type': 'application/json' },
      body,
      dispatcher: outboundAgent(options.production, options.timeoutMs),
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    await discardBody(res.body);
    return res.statusCode;
  } catch (err) {
    throw classifyOutboundError(err, signal);
  }
}

/** Reads at most `MAX_RESPONSE_BYTES` of the answer; a larger or stalled body is cut off (the status stands). */
async function discardBody(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<void> {
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) break;
    }
  } catch {
    // the answer's status is what counts
  } finally {
    body.destroy();
  }
}
