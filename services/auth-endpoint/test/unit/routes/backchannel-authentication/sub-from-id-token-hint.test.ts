import { resolveUser } from '../../../../src/routes/backchannel-authentication/resolve-user.ts';
import { subFromIdTokenHint } from '../../../../src/routes/backchannel-authentication/sub-from-id-token-hint.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, TEST_ISSUER, type TestDirectory } from '../../../support/test-directory.ts';

describe('subFromIdTokenHint', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
    directory.addClient('rp');
    directory.addUser('alice');
  });

  const ctx = () => backchannelContext(directory, { client: directory.clients.get('rp')!.view }).ctx;
  const idToken = (claims: Record<string, unknown> = {}) =>
    directory.signAsServer({ iss: TEST_ISSUER, sub: 'alice', aud: 'rp', iat: 1_700_000_000, exp: 1_700_000_600, ...claims });

  it('id_token_hint: returns the sub of our ID token, expired or not', async () => {
    await expect(subFromIdTokenHint(ctx(), await idToken())).resolves.toBe('alice');
  });

  it('id_token_hint: aud may be an array holding the client', async () => {
    await expect(subFromIdTokenHint(ctx(), await idToken({ aud: ['other', 'rp'] }))).resolves.toBe('alice');
  });

  it.each([
    ['not a JWT', async () => 'garbage'],
    ['signed by someone else', async () => (await createTestDirectory()).signAsServer({ iss: TEST_ISSUER, sub: 'alice', aud: 'rp' })],
    ['from another issuer', async () => directory.signAsServer({ iss: 'https://evil.example', sub: 'alice', aud: 'rp' })],
    ['without sub', async () => directory.signAsServer({ iss: TEST_ISSUER, aud: 'rp' })],
    ['too long', async () => `${'a'.repeat(10_000)}.${'b'.repeat(10_000)}.c`],
  ])('id_token_hint: %s answers invalid_request', async (_name, make) => {
    const hint = await make();
    await expectOAuthError(() => subFromIdTokenHint(ctx(), hint), 'invalid_request', 'id_token_hint is not a valid ID token issued by this server');
  });

  it("id_token_hint: another client's ID token answers invalid_request", async () => {
    const hint = await idToken({ aud: 'other-rp' });
    await expectOAuthError(() => subFromIdTokenHint(ctx(), hint), 'invalid_request', 'id_token_hint was not issued to this client');
  });

  it('id_token_hint: a sub the directory does not know answers unknown_user_id', async () => {
    const { ctx: c } = backchannelContext(directory, { client: directory.clients.get('rp')!.view, hint: { name: 'id_token_hint', value: await idToken({ sub: 'bob' }) } });
    await expectOAuthError(() => resolveUser(c), 'unknown_user_id', 'id_token_hint does not identify a known user');
  });
});
