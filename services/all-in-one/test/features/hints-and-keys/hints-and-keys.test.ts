import * as oauth from 'oauth4webapi';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';

// private_key_jwt through oauth4webapi, signed authentication requests, user codes, id_token_hint and
// login_hint_token: the CIBA §7.1 paths a bank's RP uses besides a plain login_hint.
const insecure = { [oauth.allowInsecureRequests]: true } as const;

let system: TestSystem;
let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
let as: oauth.AuthorizationServer;
let client: oauth.Client;
let clientAuth: oauth.ClientAuth;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const kid = 'rp-key-1';

async function admin(method: string, path: string, body?: unknown) {
  return fetch(`${system.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function authorize(params: Record<string, string>) {
  const response = await oauth.backchannelAuthenticationRequest(as, client, clientAuth, params, insecure);
  return oauth.processBackchannelAuthenticationResponse(as, client, response);
}

async function approveAndRedeem(authReqId: string) {
  const prompt = (await receiver.next()).body;
  await fetch(prompt.decision_uri as string, {
    method: 'POST',
    headers: { authorization: `Bearer ${prompt.decision_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approve' }),
  });
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 1100));
    const response = await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, authReqId, insecure);
    try {
      return await oauth.processBackchannelAuthenticationGrantResponse(as, client, response);
    } catch (err) {
      if (!(err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending')) throw err;
    }
  }
  throw new Error('still pending');
}

beforeAll(async () => {
  system = await startTestSystem();
  receiver = await startPromptReceiver();
  const keys = await generateKeyPair('ES256', { extractable: true });
  privateKey = keys.privateKey;
  const registration = await admin('POST', '/register', {
    client_name: 'Agent',
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [{ ...(await exportJWK(keys.publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    backchannel_token_delivery_mode: 'poll',
    backchannel_user_code_parameter: true,
    id_token_signed_response_alg: 'ES256',
  });
  expect(registration.status).toBe(201);
  const registered = (await registration.json()) as { client_id: string; client_secret?: string };
  expect(registered.client_secret).toBeUndefined();
  client = { client_id: registered.client_id, id_token_signed_response_alg: 'ES256' };
  clientAuth = oauth.PrivateKeyJwt({ key: privateKey, kid });
  expect(
    (
      await admin('PUT', '/admin/users/carol', {
        login_hints: ['carol@example.com'],
        user_code: '2468',
        claims: { name: 'Carol' },
        channels: [{ type: 'webhook', url: receiver.url }],
      })
    ).status,
  ).toBe(200);
  as = await oauth.processDiscoveryResponse(new URL(system.issuer), await oauth.discoveryRequest(new URL(system.issuer), insecure));
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await system?.dispose();
});

describe('private_key_jwt, user_code, id_token_hint and login_hint_token', () => {
  it('user_code: missing → missing_user_code, wrong → invalid_user_code', async () => {
    await expect(authorize({ scope: 'openid', login_hint: 'carol@example.com' })).rejects.toMatchObject({ error: 'missing_user_code' });
    await expect(authorize({ scope: 'openid', login_hint: 'carol@example.com', user_code: '0000' })).rejects.toMatchObject({ error: 'invalid_user_code' });
  });

  it('a replayed client assertion is invalid_client', async () => {
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(client.client_id)
      .setSubject(client.client_id)
      .setAudience(system.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(privateKey);
    const send = () =>
      fetch(`${system.url}/bc-authorize`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: client.client_id,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
          scope: 'openid',
          login_hint: 'carol@example.com',
          user_code: '2468',
        }),
      });
    expect((await send()).status).toBe(200);
    expect((await receiver.next()).body.sub).toBe('carol');
    const replay = await send();
    expect(replay.status).toBe(401);
    await expect(replay.json()).resolves.toMatchObject({ error: 'invalid_client' });
  });

  it('login_hint with the right user_code, ES256 ID token; then id_token_hint for a second request', async () => {
    const first = await authorize({ scope: 'openid profile', login_hint: 'carol@example.com', user_code: '2468' });
    const tokens = await approveAndRedeem(first.auth_req_id);
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ sub: 'carol' });
    expect(JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'ES256' });

    const second = await authorize({ scope: 'openid', id_token_hint: tokens.id_token!, user_code: '2468' });
    const prompt = (await receiver.next()).body;
    expect(prompt.sub).toBe('carol');
    expect(second.auth_req_id).not.toBe(first.auth_req_id);
  }, 60_000);

  it('signed authentication request (CIBA §7.1.1) and login_hint_token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const loginHintToken = await new SignJWT({ sub_id: { format: 'email', email: 'carol@example.com' } })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    const request = await new SignJWT({ scope: 'openid', login_hint_token: loginHintToken, user_code: '2468', binding_message: 'SIGNED', requested_expiry: 120 })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(client.client_id)
      .setAudience(system.issuer)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 300)
      .setJti(randomUUID())
      .sign(privateKey);
    const started = await authorize({ request });
    expect(started.expires_in).toBe(120);
    const prompt = (await receiver.next()).body;
    expect(prompt).toMatchObject({ sub: 'carol', binding_message: 'SIGNED' });

    const expiredHint = await new SignJWT({ sub_id: { format: 'email', email: 'carol@example.com' } })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuedAt(now - 600)
      .setExpirationTime(now - 300)
      .sign(privateKey);
    await expect(authorize({ scope: 'openid', login_hint_token: expiredHint, user_code: '2468' })).rejects.toMatchObject({ error: 'expired_login_hint_token' });
  }, 60_000);
});
