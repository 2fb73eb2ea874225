import { resolveUser } from '../../../../src/routes/backchannel-authentication/resolve-user.ts';
import { subFromIdTokenHint } from '../../../../src/routes/backchannel-authentication/sub-from-id-token-hint.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { testConfig } from '../../../support/test-config.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, TEST_ISSUER, type TestDirectory } from '../../../support/test-directory.ts';

describe('subFromIdTokenHint', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
    directory.addClient('rp');
    directory.addUser('alice');
  });

  const NOW = new Date('2026-11-22T10:00:00.000Z');
  const now = NOW.getTime() / 1000;
  const ctx = (env: Record<string, string> = {}) =>
    backchannelContext(directory, { client: directory.clients.get('rp')!.view }, { now: NOW, deps: { config: testConfig(env) } }).ctx;
  const idToken = (claims: Record<string, unknown> = {}) =>
    directory.signAsServer({ iss: TEST_ISSUER, sub: 'alice', aud: 'rp', iat: now - 3600, exp: now + 600, ...claims });

  it('id_token_hint: returns the sub of our ID token, expired or not', async () => {
    await expect(subFromIdTokenHint(ctx(), await idToken())).resolves.toBe('alice');
    await expect(subFromIdTokenHint(ctx(), await idToken({ exp: now - 86_400 }))).resolves.toBe('alice');
  });

  it('id_token_hint: expired longer than ID_TOKEN_HINT_MAX_AGE ago answers invalid_request', async () => {
    const stale = await idToken({ iat: now - 40 * 86_400, exp: now - 31 * 86_400 });
    await expectOAuthError(() => subFromIdTokenHint(ctx(), stale), 'invalid_request', 'id_token_hint expired too long ago');
    await expect(subFromIdTokenHint(ctx({ ID_TOKEN_HINT_MAX_AGE: String(40 * 86_400) }), stale)).resolves.toBe('alice');
    const justExpired = await idToken({ exp: now - 120 });
    await expectOAuthError(() => subFromIdTokenHint(ctx({ ID_TOKEN_HINT_MAX_AGE: '0' }), justExpired), 'invalid_request', 'id_token_hint expired too long ago');
    const noExp = await idToken({ exp: undefined });
    await expectOAuthError(() => subFromIdTokenHint(ctx(), noExp), 'invalid_request', 'id_token_hint expired too long ago');
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
