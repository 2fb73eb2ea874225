import * as oauth from 'oauth4webapi';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { buses } from '../../support/buses.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { pollForTokens } from '../../support/ciba-fixture.ts';

const insecure = { [oauth.allowInsecureRequests]: true } as const;

// One system per bus (describe.each below); its beforeAll sets these for its tests.
let system: TestSystem;
let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
let as: oauth.AuthorizationServer;
let client: oauth.Client;
let clientAuth: oauth.ClientAuth;

async function admin(method: string, path: string, body?: unknown) {
  return fetch(`${system.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${system.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** Polls as a client library does: wait `interval`, retry on authorization_pending. */
const pollUntilDone = (authReqId: string, interval: number) => pollForTokens({ as, client, clientAuth }, authReqId, interval, { attempts: 30 });

async function startRequest(extra: Record<string, string> = {}) {
  const response = await oauth.backchannelAuthenticationRequest(
    as,
    client,
    clientAuth,
    { scope: 'openid profile email', login_hint: 'alice@example.com', binding_message: 'W4SP', ...extra },
    insecure,
  );
  return oauth.processBackchannelAuthenticationResponse(as, client, response);
}

async function decide(prompt: Record<string, unknown>, decision: 'approve' | 'deny') {
  return fetch(prompt.decision_uri as string, {
    method: 'POST',
    headers: { authorization: `Bearer ${prompt.decision_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision }),
  });
}

describe.each(buses('poll flow'))('poll mode over $name, end to end through oauth4webapi', (bus) => {
  beforeAll(async () => {
    system = await startTestSystem(bus.env);
    receiver = await startPromptReceiver();
    const registration = await admin('POST', '/register', {
      client_name: 'Point of sale 7',
      grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
      backchannel_token_delivery_mode: 'poll',
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email offline_access',
    });
    expect(registration.status).toBe(201);
    const registered = (await registration.json()) as { client_id: string; client_secret: string };
    client = { client_id: registered.client_id };
    clientAuth = oauth.ClientSecretBasic(registered.client_secret);
    const user = await admin('PUT', '/admin/users/alice', {
      login_hints: ['alice@example.com', '+15550100'],
      user_code: '1234',
      claims: { name: 'Alice', email: 'alice@example.com' },
      channels: [{ type: 'webhook', url: receiver.url }],
    });
    expect(user.status).toBe(200);
    as = await oauth.processDiscoveryResponse(new URL(system.issuer), await oauth.discoveryRequest(new URL(system.issuer), insecure));
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await system?.dispose();
  });

  it('discovery advertises the CIBA endpoint, grant and delivery modes', () => {
    expect(as.backchannel_authentication_endpoint).toBe(`${system.issuer}/bc-authorize`);
    expect(as.grant_types_supported).toEqual(expect.arrayContaining(['urn:openid:params:grant-type:ciba', 'refresh_token']));
    expect(as.backchannel_token_delivery_modes_supported).toEqual(expect.arrayContaining(['poll', 'ping', 'push']));
    expect(as.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(['RS256', 'PS256', 'ES256']));
  });

  it('approve: pending, prompt on the webhook, decision, tokens once, userinfo and refresh', async () => {
    const started = await startRequest();
    expect(started.auth_req_id.length).toBeGreaterThanOrEqual(27);
    expect(started.expires_in).toBeGreaterThan(0);
    expect(started.interval).toBe(1);

    const early = await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure);
    await expect(oauth.processBackchannelAuthenticationGrantResponse(as, client, early)).rejects.toMatchObject({ error: 'authorization_pending' });

    const prompt = (await receiver.next()).body;
    expect(prompt).toMatchObject({ sub: 'alice', client_id: client.client_id, client_name: 'Point of sale 7', scope: 'openid profile email', binding_message: 'W4SP' });
    expect(prompt.decision_uri).toBe(`${system.issuer}/device/decisions/${prompt.prompt_id}`);
    const decision = await decide(prompt, 'approve');
    expect(decision.status).toBe(200);
    await expect(decision.json()).resolves.toEqual({ status: 'approved' });

    const tokens = await pollUntilDone(started.auth_req_id, started.interval!);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const claims = oauth.getValidatedIdTokenClaims(tokens)!;
    expect(claims).toMatchObject({ iss: system.issuer, sub: 'alice', aud: client.client_id });

    const jwks = createRemoteJWKSet(new URL(as.jwks_uri!));
    const idToken = await jwtVerify(tokens.id_token!, jwks, { issuer: system.issuer, audience: client.client_id });
    expect(idToken.protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const at = await jwtVerify(tokens.access_token, jwks, { issuer: system.issuer, typ: 'at+jwt' });
    expect(at.payload).toMatchObject({ sub: 'alice', client_id: client.client_id, scope: expect.stringContaining('openid') });

    const again = await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure);
    await expect(oauth.processBackchannelAuthenticationGrantResponse(as, client, again)).rejects.toMatchObject({ error: 'invalid_grant' });

    const userinfo = await oauth.userInfoRequest(as, client, tokens.access_token, insecure);
    await expect(oauth.processUserInfoResponse(as, client, 'alice', userinfo)).resolves.toMatchObject({ sub: 'alice', name: 'Alice', email: 'alice@example.com' });

    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, insecure));
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    const reused = await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, insecure);
    await expect(oauth.processRefreshTokenResponse(as, client, reused)).rejects.toMatchObject({ error: 'invalid_grant' });
  }, 60_000);

  it('deny: the client gets access_denied', async () => {
    const started = await startRequest({ binding_message: 'DENY 1' });
    const prompt = (await receiver.next()).body;
    expect(prompt.binding_message).toBe('DENY 1');
    expect((await decide(prompt, 'deny')).status).toBe(200);
    await expect(pollUntilDone(started.auth_req_id, started.interval!)).rejects.toMatchObject({ error: 'access_denied' });
  }, 60_000);

  it('polling faster than the interval answers slow_down', async () => {
    const started = await startRequest({ binding_message: 'FAST' });
    await receiver.next();
    const first = await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure);
    await expect(oauth.processBackchannelAuthenticationGrantResponse(as, client, first)).rejects.toMatchObject({ error: 'authorization_pending' });
    const second = await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure);
    await expect(oauth.processBackchannelAuthenticationGrantResponse(as, client, second)).rejects.toMatchObject({ error: 'slow_down' });
  }, 30_000);

  it('rejects an unknown login hint with unknown_user_id', async () => {
    const response = await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { scope: 'openid', login_hint: 'nobody@example.com' }, insecure);
    await expect(oauth.processBackchannelAuthenticationResponse(as, client, response)).rejects.toMatchObject({ error: 'unknown_user_id' });
  });
});
