import type { SmsGatewayConfig } from './config.ts';

/** One HTTP request to the SMS gateway. */
export interface GatewayRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** `+1 (555) 010-0199` → `+15550100199`: what gateways take (E.164 when the entry has its `+`). */
export function gatewayNumber(phone: string): string {
  return `${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/[^0-9]/g, '')}`;
}

/**
 * The gateway call for one message. `json`: `POST <url>` with `{"to","from","text"}` and a bearer
 * token. `twilio`: `POST <base>/2010-04-01/Accounts/<sid>/Messages.json`, form-encoded `To`, `From`,
 * `Body`, with HTTP basic auth `<sid>:<auth token>` (Twilio's Messages API).
 */
export function gatewayRequest(gateway: SmsGatewayConfig, to: string, text: string): GatewayRequest {
  if (gateway.kind === 'json') {
    return {
      url: gateway.url,
      headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ to, from: gateway.from, text }),
    };
  }
  return {
    url: `${gateway.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(gateway.accountSid)}/Messages.json`,
    headers: {
      authorization: `Basic ${Buffer.from(`${gateway.accountSid}:${gateway.authToken}`, 'utf8').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ To: to, From: gateway.from, Body: text }).toString(),
  };
}
