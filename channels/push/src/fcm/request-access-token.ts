import { z } from 'zod';
import { sendRequest } from '../outbound/send-request.ts';
import type { ServiceAccount } from './service-account.ts';
import { TokenEndpointError } from './token-endpoint-error.ts';

/** An access token and how long it lives, in seconds from when it was issued. */
export interface AccessToken {
  accessToken: string;
  expiresIn: number;
}

const tokenResponse = z.object({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().regex(/^bearer$/i),
  /** RFC 6749 §5.1: RECOMMENDED; Google always sends it. An hour when absent. */
  expires_in: z.number().int().positive().default(3600),
});

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * The JWT-bearer grant (RFC 7523 §2.1): POSTs the signed assertion to the account's `token_uri` and
 * returns the access token. Throws an `OutboundError` when no answer came, a `TokenEndpointError` on
 * any other answer than a bearer token.
 */
export async function requestAccessToken(account: ServiceAccount, assertion: string, options: { timeoutMs: number; production: boolean }): Promise<AccessToken> {
  const { status, body } = await sendRequest(account.token_uri, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString(),
    timeoutMs: options.timeoutMs,
    production: options.production,
    traceTarget: 'oauth-token',
  });
  if (status !== 200) throw new TokenEndpointError(status);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new TokenEndpointError(status);
  }
  const parsed = tokenResponse.safeParse(json);
  if (!parsed.success) throw new TokenEndpointError(status);
  return { accessToken: parsed.data.access_token, expiresIn: parsed.data.expires_in };
}
