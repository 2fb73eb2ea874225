import { resolveUser } from '../../../../src/routes/backchannel-authentication/resolve-user.ts';
import { subFromLoginHintToken } from '../../../../src/routes/backchannel-authentication/sub-from-login-hint-token.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, TEST_ISSUER, type TestDirectory } from '../../../support/test-directory.ts';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const now = NOW.getTime() / 1000;

describe('subFromLoginHintToken', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
    directory.addClient('rp');
    directory.addUser('alice', { hints: ['alice@example.com', '+15550100', 'emp-42'] });
  });

  const ctx = () => backchannelContext(directory, { client: directory.clients.get('rp')!.view }, { now: NOW }).ctx;
  const token = (claims: Record<string, unknown>) => directory.signAsClient({ exp: now + 300, ...claims });

  it.each([
    [{ format: 'email', email: 'alice@example.com' }],
    [{ format: 'phone_number', phone_number: '+15550100' }],
    [{ format: 'opaque', id: 'emp-42' }],
    [{ format: 'iss_sub', iss: TEST_ISSUER, sub: 'alice' }],
  ])('login_hint_token: sub_id %p names alice', async (sub_id) => {
    await expect(subFromLoginHintToken(ctx(), await token({ sub_id }))).resolves.toBe('alice');
  });

  it('login_hint_token: iss, aud, nbf and iat may be present and right', async () => {
    const t = await token({ sub_id: { format: 'email', email: 'alice@example.com' }, iss: 'rp', aud: TEST_ISSUER, nbf: now, iat: now });
    await expect(subFromLoginHintToken(ctx(), t)).resolves.toBe('alice');
  });

  it('login_hint_token: exp is optional', async () => {
    const t = await directory.signAsClient({ sub_id: { format: 'email', email: 'alice@example.com' } });
    await expect(subFromLoginHintToken(ctx(), t)).resolves.toBe('alice');
  });

  it('login_hint_token: past exp answers expired_login_hint_token', async () => {
    const t = await token({ sub_id: { format: 'email', email: 'alice@example.com' }, exp: now - 1 });
    await expectOAuthError(() => subFromLoginHintToken(ctx(), t), 'expired_login_hint_token', 'login_hint_token has expired');
  });

  it('login_hint_token: an expired token with a bad signature is invalid_request, not expired', async () => {
    const t = await (await createTestDirectory()).signAsClient({ sub_id: { format: 'email', email: 'alice@example.com' }, exp: now - 1 });
    await expectOAuthError(() => subFromLoginHintToken(ctx(), t), 'invalid_request', 'login_hint_token is not a JWT signed by the client');
  });

  it.each(['not-a-jwt', 'a.b.'])('login_hint_token: %j answers invalid_request', async (value) => {
    await expectOAuthError(() => subFromLoginHintToken(ctx(), value), 'invalid_request', 'login_hint_token is not a JWT signed by the client');
  });

  it.each([
    [{ sub_id: { format: 'email', email: 'alice@example.com' }, iss: 'other' }, 'login_hint_token iss must be the client_id'],
    [{ sub_id: { format: 'email', email: 'alice@example.com' }, aud: 'https://elsewhere' }, 'login_hint_token aud must be the issuer identifier'],
    [{ sub_id: { format: 'email', email: 'alice@example.com' }, nbf: now + 600 }, 'login_hint_token is not valid yet (nbf)'],
    [{ sub_id: { format: 'did', url: 'did:example:1' } }, 'login_hint_token claim sub_id is missing or invalid'],
    [{ sub: 'alice' }, 'login_hint_token claim sub_id is missing or invalid'],
    [{ sub_id: { format: 'email', email: 'alice@example.com' }, exp: 'tomorrow' }, 'login_hint_token claim exp is missing or invalid'],
  ])('login_hint_token: %p answers invalid_request', async (claims, description) => {
    const t = await directory.signAsClient(claims);
    await expectOAuthError(() => subFromLoginHintToken(ctx(), t), 'invalid_request', description);
  });

  it.each([
    [{ format: 'email', email: 'nobody@example.com' }],
    [{ format: 'iss_sub', iss: 'https://other-issuer.example', sub: 'alice' }],
    [{ format: 'iss_sub', iss: TEST_ISSUER, sub: 'bob' }],
  ])('login_hint_token: sub_id %p answers unknown_user_id', async (sub_id) => {
    const { ctx: c } = backchannelContext(
      directory,
      { client: directory.clients.get('rp')!.view, hint: { name: 'login_hint_token', value: await token({ sub_id }) } },
      { now: NOW },
    );
    await expectOAuthError(() => resolveUser(c), 'unknown_user_id', 'login_hint_token does not identify a known user');
  });
});
