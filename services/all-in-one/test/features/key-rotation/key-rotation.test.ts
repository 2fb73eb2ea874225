import * as oauth from 'oauth4webapi';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { adminCall, decide, discover, insecure, pollForTokens, putWebhookUser, registerClient } from '../../support/ciba-fixture.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';

// Signing-key rotation with live tokens: the next key is published before it signs, tokens signed
// before a rotation keep working at /userinfo and /introspect, new tokens carry the new kid.
let system: TestSystem;
let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
let as: oauth.AuthorizationServer;
let client: oauth.Client;
let clientAuth: oauth.ClientAuth;

async function tokens(): Promise<oauth.TokenEndpointResponse> {
  const started = await oauth.processBackchannelAuthenticationResponse(
    as,
    client,
    await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { scope: 'openid profile', login_hint: 'erin@example.com' }, insecure),
  );
  expect((await decide((await receiver.next()).body, 'approve')).status).toBe(200);
  return pollForTokens({ as, client, clientAuth }, started.auth_req_id, 0.25, { tolerateSlowDown: true });
}

const jwks = async () => (await (await fetch(`${system.url}/jwks`)).json()) as { keys: Array<{ kid: string; alg: string }> };
const userinfo = (accessToken: string) => fetch(`${system.url}/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
const introspect = async (token: string) => {
  const response = await oauth.introspectionRequest(as, client, clientAuth, token, insecure);
  return oauth.processIntrospectionResponse(as, client, response);
};

beforeAll(async () => {
  system = await startTestSystem({ CIBA_DEFAULT_INTERVAL: '1' });
  receiver = await startPromptReceiver();
  ({ client, clientAuth } = await registerClient(system, { client_name: 'Rotation RP', id_token_signed_response_alg: 'PS256' }));
  client.id_token_signed_response_alg = 'PS256';
  await putWebhookUser(system, 'erin', ['erin@example.com'], receiver.url);
  as = await discover(system);
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await system?.dispose();
});

describe('signing-key rotation (POST /admin/keys/rotate)', () => {
  it('publishes the next key before it signs, keeps tokens signed before the rotation valid, signs new ones with the new key', async () => {
    const before = await tokens();
    const oldKid = decodeProtectedHeader(before.id_token!).kid!;
    const oldAccessKid = decodeProtectedHeader(before.access_token).kid!;
    const accessAlg = decodeProtectedHeader(before.access_token).alg!;
    const listed = (await (await adminCall(system, 'GET', '/admin/keys')).json()) as { keys: Array<{ kid: string; alg: string; state: string }> };
    const next = listed.keys.find((k) => k.alg === 'PS256' && k.state === 'next')!;
    const nextAccess = listed.keys.find((k) => k.alg === accessAlg && k.state === 'next')!;
    expect(listed.keys.find((k) => k.kid === oldKid)).toMatchObject({ alg: 'PS256', state: 'active' });
    expect(JSON.stringify(listed)).not.toMatch(/"d"|private/);
    expect((await jwks()).keys.map((k) => k.kid)).toContain(next.kid);

    const early = await adminCall(system, 'POST', '/admin/keys/rotate', { alg: 'PS256' });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: 'conflict', error_description: expect.stringContaining('force') });

    const rotated = await adminCall(system, 'POST', '/admin/keys/rotate', { force: true });
    expect(rotated.status).toBe(200);
    const { rotations } = (await rotated.json()) as { rotations: Array<{ alg: string; activated: string; retired: string; next: string }> };
    expect(rotations).toHaveLength(3);
    expect(rotations).toContainEqual({ alg: 'PS256', activated: next.kid, retired: oldKid, next: expect.any(String) });
    expect(rotations).toContainEqual({ alg: accessAlg, activated: nextAccess.kid, retired: oldAccessKid, next: expect.any(String) });

    // Tokens from before the rotation: still valid everywhere, and verifiable with the published JWKS.
    expect((await userinfo(before.access_token)).status).toBe(200);
    expect(await introspect(before.access_token)).toMatchObject({ active: true });
    const published = await jwks();
    expect(published.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, oldAccessKid, next.kid, ...rotations.map((r) => r.next)]));
    await expect(jwtVerify(before.id_token!, createLocalJWKSet(published as never))).resolves.toBeDefined();

    // Tokens from after: the new key signs them; the refresh token issued before still works.
    const after = await tokens();
    expect(decodeProtectedHeader(after.access_token).kid).toBe(nextAccess.kid);
    expect(decodeProtectedHeader(after.id_token!).kid).toBe(next.kid);
    expect((await userinfo(after.access_token)).status).toBe(200);
    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, clientAuth, before.refresh_token!, insecure));
    expect(decodeProtectedHeader(refreshed.access_token).kid).toBe(nextAccess.kid);
  }, 90_000);

  it('answers 400 for a bad body and 401 without the admin token', async () => {
    expect((await adminCall(system, 'POST', '/admin/keys/rotate', { alg: 'HS256' })).status).toBe(400);
    expect((await adminCall(system, 'POST', '/admin/keys/rotate', { force: 'yes' })).status).toBe(400);
    expect((await fetch(`${system.url}/admin/keys/rotate`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${system.url}/admin/keys`)).status).toBe(401);
  });
});
