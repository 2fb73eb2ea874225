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
