import type { ChannelResult } from '@ciba/channel-kit';

const NETWORK = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'EREQUIRETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE']);

/**
 * The outcome of an SMTP exchange that failed: the server's 4xx or 5xx reply is `rejected` with its
 * code (a 4xx is not retried here: the dispatcher's next channel is faster than a retry); no reply
 * in time is `timeout`; no session (refused, reset, DNS, TLS handshake, STARTTLS required but not
 * offered or refused, whatever the server replied) is `network_error`.
 */
export function smtpFailure(err: unknown): ChannelResult {
  const e = err as { code?: string; responseCode?: number };
  if (e?.code === 'ETLS' || e?.code === 'EREQUIRETLS') return { delivered: false, reason: 'network_error' };
  if (typeof e?.responseCode === 'number' && e.responseCode >= 400 && e.responseCode <= 599) {
    return { delivered: false, reason: 'rejected', statusCode: e.responseCode };
  }
  if (e?.code === 'ETIMEDOUT') return { delivered: false, reason: 'timeout' };
  if (e?.code && NETWORK.has(e.code)) return { delivered: false, reason: 'network_error' };
  return { delivered: false, reason: 'rejected' };
}

/** The reply code at the head of the server's final answer (`250 2.0.0 OK`), when it has one. */
export function replyCode(response: string | undefined): number | undefined {
  const match = /^([2-5]\d\d)[ -]/.exec(response ?? '');
  return match ? Number(match[1]) : undefined;
}
