import { loadParameters } from '../../../../src/routes/backchannel-authentication/load-parameters.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, TEST_ISSUER, type TestDirectory } from '../../../support/test-directory.ts';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const now = NOW.getTime() / 1000;

describe('loadParameters', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  const signedClaims = (overrides: Record<string, unknown> = {}) => ({
    iss: 'rp',
    aud: TEST_ISSUER,
    exp: now + 300,
    iat: now,
    nbf: now,
    jti: `jti-${Math.random()}`,
    scope: 'openid',
    login_hint: 'alice@example.com',
    ...overrides,
  });

  it('takes the authentication parameters from the form, dropping others and empty ones', async () => {
    const client = directory.addClient('rp').view;
    const { ctx } = backchannelContext(directory, {
      client,
      form: { client_id: 'rp', scope: 'openid', login_hint: 'alice', requested_expiry: '60', binding_message: '', other: 'x' },
    });
    await loadParameters(ctx);
    expect(ctx.params).toEqual({ scope: 'openid', login_hint: 'alice', requested_expiry: '60' });
  });

  it('request: takes the parameters from the signed request claims (requested_expiry may be a number)', async () => {
    const client = directory.addClient('rp').view;
    const request = await directory.signAsClient(signedClaims({ requested_expiry: 120, binding_message: 'W4SP', acr_values: 'loa2', foo: 'bar' }));
    const { ctx } = backchannelContext(directory, { client, form: { client_id: 'rp', request } }, { now: NOW });
    await loadParameters(ctx);
    expect(ctx.params).toEqual({ scope: 'openid', login_hint: 'alice@example.com', requested_expiry: 120, binding_message: 'W4SP', acr_values: 'loa2' });
  });

  it('request: aud may be the endpoint URL, in an array', async () => {
    const client = directory.addClient('rp').view;
    const request = await directory.signAsClient(signedClaims({ aud: ['other', `${TEST_ISSUER}/bc-authorize`] }));
    const { ctx } = backchannelContext(directory, { client, form: { request } }, { now: NOW });
    await loadParameters(ctx);
    expect(ctx.params.scope).toBe('openid');
  });

  it('request: uses only the registered backchannel_authentication_request_signing_alg', async () => {
    const spy = jest.spyOn(directory, 'verifyClientJwt');
    const client = directory.addClient('rp', { backchannel_authentication_request_signing_alg: 'ES256' }).view;
    const request = await directory.signAsClient(signedClaims());
    const { ctx } = backchannelContext(directory, { client, form: { request } }, { now: NOW });
    await loadParameters(ctx);
    expect(spy).toHaveBeenCalledWith('rp', request, ['ES256']);
    spy.mockRestore();
  });

  it('request: without a registered alg, PS256, ES256 and RS256 are accepted', async () => {
    const spy = jest.spyOn(directory, 'verifyClientJwt');
    const client = directory.addClient('rp').view;
    const request = await directory.signAsClient(signedClaims());
    const { ctx } = backchannelContext(directory, { client, form: { request } }, { now: NOW });
    await loadParameters(ctx);
    expect(spy).toHaveBeenCalledWith('rp', request, ['PS256', 'ES256', 'RS256']);
    spy.mockRestore();
  });

  it('a client that registered a signing alg must sign: answers invalid_request for a plain form', async () => {
    const client = directory.addClient('rp', { backchannel_authentication_request_signing_alg: 'ES256' }).view;
    const { ctx } = backchannelContext(directory, { client, form: { scope: 'openid', login_hint: 'alice' } });
    await expectOAuthError(() => loadParameters(ctx), 'invalid_request', 'this client must send a signed authentication request (request)');
  });

  it.each(['scope', 'login_hint', 'binding_message', 'requested_expiry', 'user_code', 'client_notification_token', 'acr_values', 'id_token_hint', 'login_hint_token'])(
    'request: answers invalid_request when %s is also sent outside it',
    async (name) => {
      const client = directory.addClient('rp').view;
      const request = await directory.signAsClient(signedClaims());
      const { ctx } = backchannelContext(directory, { client, form: { request, [name]: 'x' } }, { now: NOW });
      await expectOAuthError(() => loadParameters(ctx), 'invalid_request', `parameter ${name} must be sent inside the signed request, not beside it`);
    },
  );

  it.each([
    ['not a JWT', async () => 'not-a-jwt'],
    ['unsigned (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'rp' })).toString('base64url')}.`],
    ['signed with another key', async () => {
      const other = await createTestDirectory();
      return other.signAsClient({ iss: 'rp', aud: TEST_ISSUER, exp: now + 60, iat: now, nbf: now, jti: 'x', scope: 'openid' });
    }],
    ['signed with an alg not registered', async () => directory.signAsClient({ iss: 'rp', aud: TEST_ISSUER, exp: now + 60, iat: now, nbf: now, jti: 'x' }, 'ES256')],
  ])('request: %s answers invalid_request', async (_name, make) => {
    const client = directory.addClient('rp', { backchannel_authentication_request_signing_alg: _name.includes('alg not') ? 'PS256' : undefined }).view;
    const { ctx } = backchannelContext(directory, { client, form: { request: await make() } }, { now: NOW });
    await expectOAuthError(() => loadParameters(ctx), 'invalid_request', 'request is not a JWT signed by the client with its registered algorithm');
  });

  it.each(['iss', 'aud', 'exp', 'iat', 'nbf', 'jti'])('request: answers invalid_request without the %s claim', async (claim) => {
    const client = directory.addClient('rp').view;
    const claims: Record<string, unknown> = signedClaims();
    delete claims[claim];
    const { ctx } = backchannelContext(directory, { client, form: { request: await directory.signAsClient(claims) } }, { now: NOW });
    await expectOAuthError(() => loadParameters(ctx), 'invalid_request', `request claim ${claim} is missing or invalid`);
  });

  it.each([
    [{ scope: 42 }, 'request claim scope is missing or invalid'],
    [{ requested_expiry: true }, 'request claim requested_expiry is missing or invalid'],
    [{ iss: 'someone-else' }, 'request iss must be the client_id'],
    [{ aud: 'https://elsewhere.example' }, 'request aud must be the issuer identifier'],
    [{ exp: now - 1 }, 'request has expired'],
    [{ exp: now + 2 * 86_400 }, 'request exp is too far in the future'],
    [{ nbf: now + 120 }, 'request is not valid yet (nbf)'],
    [{ iat: now + 120 }, 'request iat is in the future'],
  ])('request: claims %p answer invalid_request', async (overrides, description) => {
    const client = directory.addClient('rp').view;
    const { ctx } = backchannelContext(directory, { client, form: { request: await directory.signAsClient(signedClaims(overrides)) } }, { now: NOW });
    await expectOAuthError(() => loadParameters(ctx), 'invalid_request', description);
  });

  it('request: tolerates a client clock slightly ahead (iat, nbf)', async () => {
    const client = directory.addClient('rp').view;
    const request = await directory.signAsClient(signedClaims({ iat: now + 20, nbf: now + 20 }));
    const { ctx } = backchannelContext(directory, { client, form: { request } }, { now: NOW });
    await expect(loadParameters(ctx)).resolves.toBeUndefined();
  });

  it('request: a jti is accepted once', async () => {
    const client = directory.addClient('rp').view;
    const request = await directory.signAsClient(signedClaims({ jti: 'once' }));
    const { ctx } = backchannelContext(directory, { client, form: { request } }, { now: NOW });
    await loadParameters(ctx);
    await expectOAuthError(() => loadParameters(ctx), 'invalid_request', 'request jti has already been used');
  });
});
