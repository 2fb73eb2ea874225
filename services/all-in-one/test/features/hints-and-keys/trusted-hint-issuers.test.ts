import * as oauth from 'oauth4webapi';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';

// A point-of-sale terminal that may identify users only by a login_hint_token the bank's identity
// service signed (LOGIN_HINT_TOKEN_ISSUERS + backchannel_user_hint_types), driven by oauth4webapi.
const insecure = { [oauth.allowInsecureRequests]: true } as const;
const BANK = 'https://id.bank.example';

let system: TestSystem;
let receiver: Awaited<ReturnType<typeof startPromptReceiver>>;
let as: oauth.AuthorizationServer;
let client: oauth.Client;
let clientAuth: oauth.ClientAuth;
let bankKey: Awaited<ReturnType<typeof generateKeyPair>>;

const authorize = async (params: Record<string, string>) =>
  oauth.processBackchannelAuthenticationResponse(as, client, await oauth.backchannelAuthenticationRequest(as, client, clientAuth, params, insecure));

const bankToken = (exp: number) =>
  new SignJWT({ sub_id: { format: 'phone_number', phone_number: '+15550177' } })
    .setProtectedHeader({ alg: 'ES256', kid: 'bank-1' })
    .setIssuer(BANK)
    .setAudience(system.issuer)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(bankKey.privateKey);

beforeAll(async () => {
  bankKey = await generateKeyPair('ES256');
  const bankJwk = { ...(await exportJWK(bankKey.publicKey)), kid: 'bank-1', alg: 'ES256' };
  system = await startTestSystem({ LOGIN_HINT_TOKEN_ISSUERS: JSON.stringify([{ issuer: BANK, jwks: { keys: [bankJwk] }, algorithms: ['ES256'] }]) });
  receiver = await startPromptReceiver();
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${system.url}${path}`, { method, headers: { authorization: `Bearer ${system.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const registration = await admin('POST', '/register', { client_name: 'Terminal 7', backchannel_user_hint_types: ['login_hint_token'] });
  expect(registration.status).toBe(201);
  const registered = (await registration.json()) as { client_id: string; client_secret: string; backchannel_user_hint_types: string[] };
  expect(registered.backchannel_user_hint_types).toEqual(['login_hint_token']);
  client = { client_id: registered.client_id };
  clientAuth = oauth.ClientSecretBasic(registered.client_secret);
  const user = await admin('PUT', '/admin/users/dave', { login_hints: ['+15550177'], claims: { name: 'Dave' }, channels: [{ type: 'webhook', url: receiver.url }] });
  expect(user.status).toBe(200);
  as = await oauth.processDiscoveryResponse(new URL(system.issuer), await oauth.discoveryRequest(new URL(system.issuer), insecure));
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await system?.dispose();
});

describe('login_hint_token from a trusted issuer, for a client limited to that hint kind', () => {
  it("the bank's token identifies the user, who is prompted", async () => {
    const started = await authorize({ scope: 'openid', login_hint_token: await bankToken(Math.floor(Date.now() / 1000) + 120) });
    expect(started.auth_req_id).toEqual(expect.any(String));
    expect((await receiver.next()).body).toMatchObject({ sub: 'dave', client_name: 'Terminal 7' });
  });

  it('an expired token from the bank answers expired_login_hint_token', async () => {
    const expired = await bankToken(Math.floor(Date.now() / 1000) - 600);
    await expect(authorize({ scope: 'openid', login_hint_token: expired })).rejects.toMatchObject({ error: 'expired_login_hint_token' });
  });

  it('a plain login_hint answers unauthorized_client for this client', async () => {
    await expect(authorize({ scope: 'openid', login_hint: '+15550177' })).rejects.toMatchObject({ error: 'unauthorized_client', status: 400 });
  });
});
