import { randomUUID } from 'node:crypto';
import { adminCall } from '../../support/ciba-fixture.ts';
import { clientKey, MTLS_TEST_ENV, postForm, register, signJwt } from '../../support/mtls-fixture.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';
import { issueClientCertificate, testCa, type TestCertificate } from '../../support/test-certificates.ts';

// Signed authentication requests (CIBA Core §7.1.1) at POST /bc-authorize over real HTTP, for a
// FAPI-CIBA client (FAPI 1.0 Advanced §5.2.2 adds the lifetime rules) and for a plain client.

let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
let certificate: TestCertificate;
let fapi: { clientId: string; es: Awaited<ReturnType<typeof clientKey>>; rsa: Awaited<ReturnType<typeof clientKey>> };
let plain: { clientId: string; secret: string; key: Awaited<ReturnType<typeof clientKey>> };
let stranger: Awaited<ReturnType<typeof clientKey>>;

const now = () => Math.floor(Date.now() / 1000);

/** Valid claims of a signed request of `clientId`; `omit` drops claims, `extra` overrides. */
function claims(clientId: string, extra: Record<string, unknown> = {}, omit: string[] = []): Record<string, unknown> {
  const t = now();
  const all: Record<string, unknown> = {
    iss: clientId,
    aud: system.issuer,
    exp: t + 300,
    nbf: t,
    iat: t,
    jti: randomUUID(),
    scope: 'openid',
    login_hint: 'alice@example.com',
    binding_message: 'W4SP',
    ...extra,
  };
  for (const name of omit) delete all[name];
  return all;
}

/** POST /bc-authorize as the FAPI client (tls_client_auth with its certificate). */
const asFapi = (form: Record<string, string>) => postForm(system, '/bc-authorize', { client_id: fapi.clientId, ...form }, { certificate });

/** POST /bc-authorize as the plain client (client_secret_basic). */
const asPlain = (form: Record<string, string>) =>
  postForm(system, '/bc-authorize', form, { headers: { authorization: `Basic ${Buffer.from(`${plain.clientId}:${plain.secret}`).toString('base64')}` } });

const refused = (description: string) => ({ status: 400, body: { error: 'invalid_request', error_description: description } });

beforeAll(async () => {
  system = await startTestSystem(MTLS_TEST_ENV);
  prompts = await startPromptReceiver();
  expect((await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], channels: [{ type: 'webhook', url: prompts.url }] })).status).toBe(200);
  const ca = await testCa();
  certificate = await issueClientCertificate(ca, 'CN=fapi-signed-rp,O=Test Bank,C=GB');
  const [es, rsa, plainKey] = await Promise.all([clientKey('ES256'), clientKey('RS256'), clientKey('RS256')]);
  stranger = await clientKey('ES256');
  const f = await register(system, {
    security_profile: 'fapi-ciba',
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: 'CN=fapi-signed-rp, O=Test Bank, C=GB',
    tls_client_certificate_bound_access_tokens: true,
    backchannel_authentication_request_signing_alg: 'ES256',
    jwks: { keys: [es.jwk, rsa.jwk] },
  });
  expect(f.status).toBe(201);
  fapi = { clientId: f.body.client_id, es, rsa };
  const p = await register(system, { backchannel_authentication_request_signing_alg: 'RS256', jwks: { keys: [plainKey.jwk] } });
  expect(p.status).toBe(201);
  plain = { clientId: p.body.client_id, secret: p.body.client_secret, key: plainKey };
  // another client's key: registered, but for another client
  expect((await register(system, { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [stranger.jwk] } })).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await prompts?.close();
  await system?.dispose();
});

describe('signed authentication requests (CIBA Core §7.1.1) at /bc-authorize', () => {
  it('a valid signed request of the FAPI client is accepted; requested_expiry may be a number or a string', async () => {
    const asNumber = await asFapi({ request: await signJwt(claims(fapi.clientId, { requested_expiry: 120 }), fapi.es) });
    expect(asNumber).toMatchObject({ status: 200, body: { expires_in: 120 } });
    const asString = await asFapi({ request: await signJwt(claims(fapi.clientId, { requested_expiry: '90' }), fapi.es) });
    expect(asString).toMatchObject({ status: 200, body: { expires_in: 90 } });
  });

  it('aud may be the endpoint URL instead of the issuer', async () => {
    expect(await asFapi({ request: await signJwt(claims(fapi.clientId, { aud: `${system.issuer}/bc-authorize` }), fapi.es) })).toMatchObject({ status: 200 });
  });

  it.each<[string, Record<string, unknown>, string[], string]>([
    ['a missing aud', {}, ['aud'], 'request claim aud is missing or invalid'],
    ['another aud', { aud: 'https://other-op.example' }, [], 'request aud must be the issuer identifier'],
    ['a missing iss', {}, ['iss'], 'request claim iss is missing or invalid'],
    ['iss other than the client_id', { iss: 'someone-else' }, [], 'request iss must be the client_id'],
    ['a missing exp', {}, ['exp'], 'request claim exp is missing or invalid'],
    ['an expired request', { exp: now() - 60, nbf: now() - 120, iat: now() - 120 }, [], 'request has expired'],
    ['a missing nbf', {}, ['nbf'], 'request claim nbf is missing or invalid'],
    ['nbf in the future', { nbf: now() + 600 }, [], 'request is not valid yet (nbf)'],
    ['exp more than 60 minutes after nbf (FAPI)', { nbf: now() - 10, exp: now() + 3600 }, [], 'request exp must be at most 60 minutes after nbf'],
    ['nbf more than 60 minutes old (FAPI)', { nbf: now() - 3700, iat: now() - 3700, exp: now() + 60 }, [], 'request nbf must be at most 60 minutes in the past'],
    ['a missing iat', {}, ['iat'], 'request claim iat is missing or invalid'],
    ['a missing jti', {}, ['jti'], 'request claim jti is missing or invalid'],
  ])('refuses %s with invalid_request', async (_name, extra, omit, description) => {
    expect(await asFapi({ request: await signJwt(claims(fapi.clientId, extra, omit), fapi.es) })).toMatchObject(refused(description));
  });

  it('refuses a replayed jti', async () => {
    const request = await signJwt(claims(fapi.clientId), fapi.es);
    expect(await asFapi({ request })).toMatchObject({ status: 200 });
    expect(await asFapi({ request })).toMatchObject(refused('request jti has already been used'));
  });

  it('refuses alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims(fapi.clientId))).toString('base64url');
    expect(await asFapi({ request: `${header}.${payload}.` })).toMatchObject(refused('request is not a JWT signed by the client with its registered algorithm'));
  });

  it('refuses RS256 from the FAPI client, even with a key it registered', async () => {
    expect(await asFapi({ request: await signJwt(claims(fapi.clientId), fapi.rsa) })).toMatchObject(refused('request is not a JWT signed by the client with its registered algorithm'));
  });

  it("refuses a request signed with another client's key", async () => {
    expect(await asFapi({ request: await signJwt(claims(fapi.clientId), { ...stranger, kid: fapi.es.kid }) })).toMatchObject(
      refused('request is not a JWT signed by the client with its registered algorithm'),
    );
  });

  it('refuses authentication parameters outside the signed request', async () => {
    expect(await asFapi({ request: await signJwt(claims(fapi.clientId), fapi.es), binding_message: 'outside' })).toMatchObject(
      refused('parameter binding_message must be sent inside the signed request, not beside it'),
    );
  });

  it('refuses a FAPI request without binding_message (FAPI-CIBA §5.2.2-2)', async () => {
    expect(await asFapi({ request: await signJwt(claims(fapi.clientId, {}, ['binding_message']), fapi.es) })).toMatchObject(refused('binding_message is required for fapi-ciba clients'));
  });

  it('refuses an unsigned request from a client that registered a signing alg', async () => {
    expect(await asFapi({ scope: 'openid', login_hint: 'alice@example.com' })).toMatchObject(refused('this client must send a signed authentication request (request)'));
  });

  it('a plain client keeps the CIBA Core rules only: RS256, and no 60-minute bound on nbf', async () => {
    const t = now();
    expect(await asPlain({ request: await signJwt(claims(plain.clientId, { nbf: t - 7200, iat: t - 7200, exp: t + 300 }), plain.key) })).toMatchObject({ status: 200 });
    expect(await asPlain({ request: await signJwt(claims(plain.clientId, { exp: t + 7200 }), plain.key) })).toMatchObject({ status: 200 });
  });
});
