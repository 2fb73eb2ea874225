import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { hintIssuerKeys } from '../../../../src/hint-issuers/hint-issuer-keys.ts';
import { subFromLoginHintToken } from '../../../../src/routes/backchannel-authentication/sub-from-login-hint-token.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { testConfig } from '../../../support/test-config.ts';
import { createTestDirectory, TEST_ISSUER, type TestDirectory } from '../../../support/test-directory.ts';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const now = NOW.getTime() / 1000;
const BANK = 'https://id.bank.example';
const BRANCH = 'http://127.0.0.1/branch-idp';

describe('login_hint_token from a trusted issuer (LOGIN_HINT_TOKEN_ISSUERS)', () => {
  let directory: TestDirectory;
  let bankKey: jose.GenerateKeyPairResult;
  let branchKey: jose.GenerateKeyPairResult;
  let jwksServer: Server;
  let jwksRequests = 0;

  beforeAll(async () => {
    directory = await createTestDirectory();
    directory.addClient('pos-1');
    directory.addClient('pos-2');
    directory.addUser('alice', { hints: ['alice@example.com', 'cust-7'] });
    bankKey = await jose.generateKeyPair('ES256');
    branchKey = await jose.generateKeyPair('PS256');
    const branchJwk = { ...(await jose.exportJWK(branchKey.publicKey)), kid: 'branch-1', alg: 'PS256' };
    jwksServer = createServer((_req, res) => {
      jwksRequests += 1;
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [branchJwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  const ctx = (clientId = 'pos-1') => {
    const config = testConfig({
      LOGIN_HINT_TOKEN_ISSUERS: JSON.stringify([
        { issuer: BANK, jwks: { keys: [{ ...bankJwk, kid: 'bank-1' }] }, client_ids: ['pos-1'] },
        { issuer: BRANCH, jwks_uri: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`, algorithms: ['PS256'] },
      ]),
    });
    const hintIssuers = hintIssuerKeys(config.hintIssuers, false);
    return backchannelContext(directory, { client: directory.clients.get(clientId)!.view }, { now: NOW, deps: { config, hintIssuers } }).ctx;
  };
  let bankJwk: jose.JWK;
  beforeAll(async () => {
    bankJwk = await jose.exportJWK(bankKey.publicKey);
  });

  const bankToken = (claims: Record<string, unknown> = {}, key: jose.GenerateKeyPairResult['privateKey'] = bankKey.privateKey, alg = 'ES256') =>
    new jose.SignJWT({ iss: BANK, aud: TEST_ISSUER, iat: now - 10, exp: now + 120, sub_id: { format: 'email', email: 'alice@example.com' }, ...claims } as jose.JWTPayload)
      .setProtectedHeader({ alg, kid: 'bank-1' })
      .sign(key);

  it('names the user its sub_id identifies', async () => {
    await expect(subFromLoginHintToken(ctx(), await bankToken())).resolves.toBe('alice');
    await expect(subFromLoginHintToken(ctx(), await bankToken({ sub_id: { format: 'opaque', id: 'cust-7' } }))).resolves.toBe('alice');
  });

  it('fetches the keys of an issuer that publishes them at a jwks_uri (once, then cached)', async () => {
    const token = () =>
      new jose.SignJWT({ iss: BRANCH, aud: TEST_ISSUER, iat: now, exp: now + 60, sub_id: { format: 'email', email: 'alice@example.com' } })
        .setProtectedHeader({ alg: 'PS256', kid: 'branch-1' })
        .sign(branchKey.privateKey);
    const c = ctx('pos-2');
    await expect(subFromLoginHintToken(c, await token())).resolves.toBe('alice');
    await expect(subFromLoginHintToken(c, await token())).resolves.toBe('alice');
    expect(jwksRequests).toBe(1);
  });

  it('past exp answers expired_login_hint_token, but only for a token the issuer really signed', async () => {
    await expectOAuthError(async () => subFromLoginHintToken(ctx(), await bankToken({ exp: now - 120 })), 'expired_login_hint_token', 'login_hint_token has expired');
    const forged = await bankToken({ exp: now - 120 }, (await jose.generateKeyPair('ES256')).privateKey);
    await expectOAuthError(() => subFromLoginHintToken(ctx(), forged), 'invalid_request', `login_hint_token of ${BANK} is not valid: signature does not verify with its keys`);
  });

  it.each([
    ['aud is another server', { aud: 'https://other-op.example' }, 'claim aud check failed'],
    ['aud is missing', { aud: undefined }, 'claim aud is missing'],
    ['iat is missing', { iat: undefined }, 'claim iat is missing'],
    ['exp is missing', { exp: undefined }, 'claim exp is missing'],
    ['nbf is in the future', { nbf: now + 3600 }, 'claim nbf check failed'],
  ])('%s answers invalid_request', async (_name, claims, reason) => {
    await expectOAuthError(async () => subFromLoginHintToken(ctx(), await bankToken(claims)), 'invalid_request', `login_hint_token of ${BANK} is not valid: ${reason}`);
  });

  it('an algorithm the issuer is not configured for answers invalid_request', async () => {
    const rsa = await jose.generateKeyPair('RS256');
    await expectOAuthError(
      async () => subFromLoginHintToken(ctx(), await bankToken({}, rsa.privateKey, 'RS256')),
      'invalid_request',
      `login_hint_token of ${BANK} is not valid: algorithm not allowed`,
    );
  });

  it("a client outside the issuer's client_ids answers unauthorized_client", async () => {
    await expectOAuthError(async () => subFromLoginHintToken(ctx('pos-2'), await bankToken()), 'unauthorized_client', 'this client may not present login_hint_tokens of that issuer');
  });

  it('an unknown iss falls back to the client-signed rules', async () => {
    const t = await directory.signAsClient({ iss: 'https://unknown.example', sub_id: { format: 'email', email: 'alice@example.com' } });
    await expectOAuthError(() => subFromLoginHintToken(ctx(), t), 'invalid_request', 'login_hint_token iss must be the client_id');
    const own = await directory.signAsClient({ iss: 'pos-1', sub_id: { format: 'email', email: 'alice@example.com' } });
    await expect(subFromLoginHintToken(ctx(), own)).resolves.toBe('alice');
  });
});
