import { request } from 'undici';
import { checkOutboundUrl, outboundAgent, outboundCall, OutboundError, OutboundNetworkError, OutboundTimeoutError } from '@ciba/service-kit';
import type { GatewayRequest } from './gateway-request.ts';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * Sends one gateway request through service-kit's outbound rules (in production https only and
 * public addresses only, checked on the address actually connected to; no redirects followed), bound
 * by `timeoutMs` and by `signal`. Resolves with the HTTP status, whatever it is, after reading at
 * most 16 KiB of the answer; throws an `OutboundError` when no answer came. W3C trace context goes
 * in the headers (`outboundCall`).
 */
export function postToGateway(call: GatewayRequest, options: { timeoutMs: number; production: boolean; signal: AbortSignal }): Promise<number> {
  return outboundCall('sms-gateway', (trace) => send(call, options, trace));
}

async function send(call: GatewayRequest, options: { timeoutMs: number; production: boolean; signal: AbortSignal }, trace: Record<string, string>): Promise<number> {
  const target = checkOutboundUrl(call.url, options.production);
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  try {
    const res = await request(target, {
      method: 'POST',
      headers: { 'user-agent': 'ciba-server', ...trace, ...call.headers },
      body: call.body,
      dispatcher: outboundAgent(options.production, options.timeoutMs),
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    let size = 0;
    try {
      for await (const chunk of res.body) if ((size += (chunk as Buffer).length) > MAX_ANSWER_BYTES) break;
    } catch {
      // the status is the answer
    } finally {
      res.body.destroy();
    }
    return res.statusCode;
  } catch (err) {
    throw classify(err, signal);
  }
}

function classify(err: unknown, signal: AbortSignal): OutboundError {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundError) return e;
  }
  const code = (err as { code?: string })?.code;
  const reason = signal.reason as Error | undefined;
  if ((signal.aborted && reason?.name === 'TimeoutError') || (code && TIMEOUT_CODES.has(code)) || (err as Error)?.name === 'TimeoutError') {
    return new OutboundTimeoutError({ cause: err });
  }
  return new OutboundNetworkError({ cause: err });
}
