import { randomUUID } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { calculateJwkThumbprint, decodeJwt, exportJWK, SignJWT } from 'jose';
import { buses } from '../../support/buses.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { startNotificationReceiver } from '../../support/notification-receiver.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';

const insecure = { [oauth.allowInsecureRequests]: true } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let system: TestSystem;
let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
let notifications: Awaited<ReturnType<typeof startNotificationReceiver>>;
let as: oauth.AuthorizationServer;
let client: oauth.Client;
let clientAuth: oauth.ClientAuth;
let keyPair: Awaited<ReturnType<typeof oauth.generateKeyPair>>;
let jkt: string;

async function admin(method: string, path: string, body?: unknown) {
  return fetch(`${system.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${system.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

/** Runs `call` again when the server answers use_dpop_nonce (the handle has kept the nonce by then); counts the challenges. */
async function withNonceRetry<T>(call: () => Promise<T>, challenges: { count: number }): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!oauth.isDPoPNonceError(err)) throw err;
    challenges.count += 1;
    return call();
  }
}

/** Polls with DPoP as a client library does: answers nonce challenges at once, waits `interval` on authorization_pending. */
async function pollWithDpop(dpop: oauth.DPoPHandle, authReqId: string, interval: number, challenges: { count: number }) {
  for (let i = 0; i < 30; i++) {
    try {
      return await withNonceRetry(
        async () => oauth.processBackchannelAuthenticationGrantResponse(as, client, await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, authReqId, { DPoP: dpop, ...insecure })),
        challenges,
      );
    } catch (err) {
      if (err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending') {
        await sleep(interval * 1000 + 50);
        continue;
      }
      throw err;
    }
  }
  throw new Error('still pending');
}

describe.each(buses('dpop flow'))('DPoP (RFC 9449), poll mode over $name, end to end through oauth4webapi', (bus) => {
  beforeAll(async () => {
    system = await startTestSystem({ ...bus.env, DPOP_REQUIRE_NONCE: 'true' });
    receiver = await startPromptReceiver();
    notifications = await startNotificationReceiver();
    const registration = await admin('POST', '/register', {
      client_name: 'Teller app',
      grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
      backchannel_token_delivery_mode: 'poll',
      scope: 'openid profile email',
      dpop_bound_access_tokens: true,
    });
    expect(registration.status).toBe(201);
    const registered = (await registration.json()) as { client_id: string; client_secret: string; dpop_bound_access_tokens: boolean };
    expect(registered.dpop_bound_access_tokens).toBe(true);
    client = { client_id: registered.client_id };
    clientAuth = oauth.ClientSecretBasic(registered.client_secret);
    const user = await admin('PUT', '/admin/users/alice', {
      login_hints: ['alice@example.com'],
      claims: { name: 'Alice', email: 'alice@example.com' },
      channels: [{ type: 'webhook', url: receiver.url }],
    });
    expect(user.status).toBe(200);
    as = await oauth.processDiscoveryResponse(new URL(system.issuer), await oauth.discoveryRequest(new URL(system.issuer), insecure));
    keyPair = await oauth.generateKeyPair('ES256');
    jkt = await calculateJwkThumbprint(await exportJWK(keyPair.publicKey), 'sha256');
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await notifications?.close();
    await system?.dispose();
  });

  it('discovery advertises dpop_signing_alg_values_supported', () => {
    expect(as.dpop_signing_alg_values_supported).toEqual(['ES256', 'PS256', 'RS256', 'EdDSA']);
  });

  it('poll: a proof at /bc-authorize is accepted; nonce challenge, DPoP tokens, userinfo with the bound token, refresh by the same key', async () => {
    // A client may send a proof to /bc-authorize too; binding is decided at redemption, so it is accepted and not required.
    const bcProof = await new SignJWT({ jti: randomUUID(), htm: 'POST', htu: as.backchannel_authentication_endpoint, iat: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(keyPair.publicKey) })
      .sign(keyPair.privateKey);
    const started = await oauth.processBackchannelAuthenticationResponse(
      as,
      client,
      await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { scope: 'openid profile email', login_hint: 'alice@example.com' }, { headers: { DPoP: bcProof }, ...insecure }),
    );
    const prompt = (await receiver.next()).body;
    const decision = await fetch(prompt.decision_uri as string, {
      method: 'POST',
      headers: { authorization: `Bearer ${prompt.decision_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(decision.status).toBe(200);

    // The client is registered with dpop_bound_access_tokens: a token request without a proof is refused.
    const unproven = await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure);
    await expect(oauth.processBackchannelAuthenticationGrantResponse(as, client, unproven)).rejects.toMatchObject({ error: 'invalid_dpop_proof' });

    const dpop = oauth.DPoP(client, keyPair);
    const tokenChallenges = { count: 0 };
    const tokens = await pollWithDpop(dpop, started.auth_req_id, started.interval ?? 1, tokenChallenges);
    expect(tokenChallenges.count).toBe(1);
    expect(tokens.token_type).toBe('dpop');
    expect(decodeJwt(tokens.access_token).cnf).toEqual({ jkt });

    // /userinfo: the nonce learned at /token is reused (same origin); a fresh handle meets the challenge once.
    const claims = await oauth.processUserInfoResponse(as, client, 'alice', await oauth.userInfoRequest(as, client, tokens.access_token, { DPoP: dpop, ...insecure }));
    expect(claims).toMatchObject({ sub: 'alice', name: 'Alice' });
    const fresh = oauth.DPoP(client, keyPair);
    const userinfoChallenges = { count: 0 };
    const again = await withNonceRetry(
      async () => oauth.processUserInfoResponse(as, client, 'alice', await oauth.userInfoRequest(as, client, tokens.access_token, { DPoP: fresh, ...insecure })),
      userinfoChallenges,
    );
    expect(again.sub).toBe('alice');
    expect(userinfoChallenges.count).toBe(1);

    // The bound token is no bearer token.
    const asBearer = await oauth.userInfoRequest(as, client, tokens.access_token, insecure);
    expect(asBearer.status).toBe(401);
    expect(asBearer.headers.get('www-authenticate')).toMatch(/^DPoP realm="ciba", error="invalid_token", .*algs="ES256 PS256 RS256 EdDSA"$/);

    const introspected = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, clientAuth, tokens.access_token, insecure));
    expect(introspected).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt } });

    // Refresh: by the same key it rotates, by another key it is refused.
    const otherKey = oauth.DPoP(client, await oauth.generateKeyPair('ES256'));
    const stolen = { count: 0 };
    await expect(
      withNonceRetry(async () => oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, { DPoP: otherKey, ...insecure })), stolen),
    ).rejects.toMatchObject({ error: 'invalid_grant', error_description: 'refresh_token is bound to another DPoP key' });
    const refreshed = await withNonceRetry(
      async () => oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refresh_token!, { DPoP: dpop, ...insecure })),
      { count: 0 },
    );
    expect(refreshed.token_type).toBe('dpop');
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(decodeJwt(refreshed.access_token).cnf).toEqual({ jkt });
  }, 60_000);

  it('ping: after the ping the token request with a proof gets DPoP-bound tokens', async () => {
    const registration = await admin('POST', '/register', {
      backchannel_token_delivery_mode: 'ping',
      backchannel_client_notification_endpoint: `${notifications.base}/ping-dpop`,
      scope: 'openid',
      dpop_bound_access_tokens: true,
    });
    expect(registration.status).toBe(201);
    const registered = (await registration.json()) as { client_id: string; client_secret: string };
    const pingClient: oauth.Client = { client_id: registered.client_id };
    const pingAuth = oauth.ClientSecretBasic(registered.client_secret);
    const started = await oauth.processBackchannelAuthenticationResponse(
      as,
      pingClient,
      await oauth.backchannelAuthenticationRequest(as, pingClient, pingAuth, { scope: 'openid', login_hint: 'alice@example.com', client_notification_token: randomUUID() }, insecure),
    );
    const prompt = (await receiver.next()).body;
    const decision = await fetch(prompt.decision_uri as string, {
      method: 'POST',
      headers: { authorization: `Bearer ${prompt.decision_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(decision.status).toBe(200);
    const [ping] = await notifications.waitForCalls('/ping-dpop');
    expect(ping!.body).toStrictEqual({ auth_req_id: started.auth_req_id });

    const dpop = oauth.DPoP(pingClient, keyPair);
    const challenges = { count: 0 };
    const tokens = await withNonceRetry(
      async () => oauth.processBackchannelAuthenticationGrantResponse(as, pingClient, await oauth.backchannelAuthenticationGrantRequest(as, pingClient, pingAuth, started.auth_req_id, { DPoP: dpop, ...insecure })),
      challenges,
    );
    expect(challenges.count).toBe(1);
    expect(tokens.token_type).toBe('dpop');
    expect(decodeJwt(tokens.access_token).cnf).toEqual({ jkt });
  }, 60_000);

  it('registration refuses dpop_bound_access_tokens with push', async () => {
    const res = await admin('POST', '/register', {
      backchannel_token_delivery_mode: 'push',
      backchannel_client_notification_endpoint: 'http://127.0.0.1:9/cb',
      dpop_bound_access_tokens: true,
    });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toEqual({ error: 'invalid_client_metadata', error_description: 'dpop_bound_access_tokens cannot be used with the push mode' });
  });
});
