import { request } from 'undici';
import { checkOutboundUrl, outboundAgent, outboundCall } from '@ciba/service-kit';
import { classifyOutboundError } from './classify-outbound-error.ts';

export interface SendRequestOptions {
  /** Always a POST: push providers take nothing else. */
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Bound on the whole call: connecting, waiting for the answer and reading it. */
  timeoutMs: number;
  /** Production rules: https only, public addresses only, checked on the address connected to. */
  production: boolean;
  /** Aborts the call (the offer's deadline, the process stopping); counts as a timeout. */
  signal?: AbortSignal;
  /** What the receiver is, for the call's trace span (`POST <target>`). @defaultValue push-provider */
  traceTarget?: string;
}

export interface SentRequest {
  /** The HTTP status; a 3xx is never followed. */
  status: number;
  /** The answer's first bytes (at most `MAX_RESPONSE_BYTES`): enough for a provider's JSON error. */
  body: Buffer;
}

/** Answer bytes kept; the rest is cut off (the status stands). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs to a push provider (FCM, Google's token endpoint, a browser's push service) through
 * service-kit's guarded agent: the URL vetted first (`checkOutboundUrl`), every connection's address
 * vetted at connect time (`guardedLookup`), no redirect followed, one timeout for everything. Resolves
 * with the status and the start of the answer whatever the status; throws an `OutboundError` when no
 * answer came. W3C trace context goes in the headers (`outboundCall`).
 */
export function sendRequest(url: string, options: SendRequestOptions): Promise<SentRequest> {
  return outboundCall(options.traceTarget ?? 'push-provider', (trace) => send(url, options, trace));
}

async function send(url: string, options: SendRequestOptions, trace: Record<string, string>): Promise<SentRequest> {
  const target = checkOutboundUrl(url, options.production);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const res = await request(target, {
      method: 'POST',
      headers: { 'user-agent': 'ciba-server', ...trace, ...options.headers },
      body: options.body,
      dispatcher: outboundAgent(options.production, options.timeoutMs),
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    return { status: res.statusCode, body: await readCapped(res.body) };
  } catch (err) {
    throw classifyOutboundError(err, signal);
  }
}

/** Reads at most `MAX_RESPONSE_BYTES` of the answer; a larger or failing body is cut off there. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) break;
    }
  } catch {
    // the status is what counts; a broken body leaves what arrived
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES);
}
