import * as oauth from 'oauth4webapi';

export const insecure = { [oauth.allowInsecureRequests]: true } as const;
export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/** What a test needs of a running system: where it is and its admin token. */
export interface SystemRef {
  url: string;
  issuer: string;
  adminToken: string;
}

/** An operator API call with the admin token. */
export function adminCall(system: SystemRef, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${system.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${system.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** Discovery through oauth4webapi. */
export async function discover(system: SystemRef): Promise<oauth.AuthorizationServer> {
  return oauth.processDiscoveryResponse(new URL(system.issuer), await oauth.discoveryRequest(new URL(system.issuer), insecure));
}

/** Registers a client (RFC 7591, `client_secret_basic`) and answers it as oauth4webapi wants it. */
export async function registerClient(system: SystemRef, metadata: Record<string, unknown>): Promise<{ client: oauth.Client; clientAuth: oauth.ClientAuth }> {
  const res = await adminCall(system, 'POST', '/register', {
    grant_types: [CIBA_GRANT, 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid profile email offline_access',
    ...metadata,
  });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
  const registered = (await res.json()) as { client_id: string; client_secret: string };
  return { client: { client_id: registered.client_id }, clientAuth: oauth.ClientSecretBasic(registered.client_secret) };
}

/** The device's answer to a prompt (interfaces.md §4). */
export function decide(prompt: Record<string, unknown>, decision: 'approve' | 'deny'): Promise<Response> {
  return fetch(prompt.decision_uri as string, {
    method: 'POST',
    headers: { authorization: `Bearer ${prompt.decision_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision }),
  });
}

/** The client side of a CIBA exchange, as oauth4webapi wants it. */
export interface CibaClient {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
}

/**
 * Polls the token endpoint as a client library does: waits `intervalS` (plus 50 ms) before each
 * poll, goes on while the answer is `authorization_pending` (or `slow_down`, when `tolerateSlowDown`),
 * and answers the tokens; any other error rejects with oauth4webapi's error.
 */
export async function pollForTokens(c: CibaClient, authReqId: string, intervalS: number, options: { attempts?: number; tolerateSlowDown?: boolean } = {}): Promise<oauth.TokenEndpointResponse> {
  const retryOn = options.tolerateSlowDown ? ['authorization_pending', 'slow_down'] : ['authorization_pending'];
  for (let i = 0; i < (options.attempts ?? 40); i++) {
    await new Promise((resolve) => setTimeout(resolve, intervalS * 1000 + 50));
    const response = await oauth.backchannelAuthenticationGrantRequest(c.as, c.client, c.clientAuth, authReqId, insecure);
    try {
      return await oauth.processBackchannelAuthenticationGrantResponse(c.as, c.client, response);
    } catch (err) {
      if (!(err instanceof oauth.ResponseBodyError && retryOn.includes(err.error))) throw err;
    }
  }
  throw new Error('still pending');
}

/** `PUT /admin/users/{sub}` with one webhook channel to `url`; fails the test unless it answers 200. */
export async function putWebhookUser(system: SystemRef, sub: string, loginHints: string[], url: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await adminCall(system, 'PUT', `/admin/users/${encodeURIComponent(sub)}`, { login_hints: loginHints, claims: { name: sub }, channels: [{ type: 'webhook', url }], ...extra });
  if (res.status !== 200) throw new Error(`PUT /admin/users/${sub} answered ${res.status}: ${await res.text()}`);
}
