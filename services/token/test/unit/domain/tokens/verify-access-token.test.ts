import { issueTokens } from '../../../../src/domain/tokens/issue-tokens.ts';
import { verifyAccessToken, type VerifyAccessTokenDeps } from '../../../../src/domain/tokens/verify-access-token.ts';
import type { LoadableSigningKeys } from '../../../../src/domain/keys/create-signing-keys.ts';
import type { ClientView } from '@ciba/contracts';
import { memorySigningKeys } from '../../../support/memory-signing-keys.ts';

let keys: LoadableSigningKeys;
let deps: VerifyAccessTokenDeps;
const revoked = new Set<string>();
const ISSUER = 'https://op.example';

beforeAll(async () => {
  keys = await memorySigningKeys();
  deps = { keys, issuer: ISSUER, isRevoked: async (jti) => revoked.has(jti) };
});

const mint = async (now = new Date()) =>
  issueTokens(keys, {
    issuer: ISSUER,
    ttl: { accessToken: 60, idToken: 60, refreshToken: 60 },
    client: { client_id: 'rp-1', id_token_signed_response_alg: 'RS256' } as ClientView,
    sub: 'alice',
    scope: 'openid',
    authTime: now,
    withIdToken: true,
    withRefreshToken: false,
    now,
  });
const sign = (claims: Record<string, unknown>, typ = 'at+jwt') => {
  const now = Math.floor(Date.now() / 1000);
  return keys.sign({ iss: ISSUER, aud: ISSUER, sub: 'alice', client_id: 'rp-1', scope: 'openid', jti: 'j', iat: now, exp: now + 60, ...claims }, { alg: 'RS256', typ });
};
const rejection = (token: Promise<string> | string) =>
  Promise.resolve(token).then((t) => verifyAccessToken(deps, t)).then(
    () => 'accepted',
    (err) => `${err.error}: ${err.message}`,
  );

describe('verifyAccessToken', () => {
  it('answers the claims of a valid access token', async () => {
    const { response, accessTokenJti } = await mint();
    expect(await verifyAccessToken(deps, response.access_token)).toMatchObject({ sub: 'alice', client_id: 'rp-1', scope: 'openid', jti: accessTokenJti, iss: ISSUER });
  });

  it('accepts the application/at+jwt spelling of typ', async () => {
    expect(await rejection(sign({}, 'application/at+jwt'))).toBe('accepted');
  });

  it.each([
    ['a malformed token', 'abc', 'invalid_token: access token is invalid'],
    ['an ID token (typ JWT)', null, 'invalid_token: access token is invalid'],
    ['another issuer', { iss: 'https://evil.example' }, 'invalid_token: access token is invalid'],
    ['another audience', { aud: 'https://rs.example' }, 'invalid_token: access token is invalid'],
    ['no client_id', { client_id: undefined }, 'invalid_token: access token is invalid'],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 10 }, 'invalid_token: access token has expired'],
  ])('refuses %s', async (_name, claims, expected) => {
    const token = claims === 'abc' ? 'abc' : claims === null ? (await mint()).response.id_token! : sign(claims as Record<string, unknown>);
    expect(await rejection(token)).toBe(expected);
  });

  it('refuses a revoked token', async () => {
    const { response, accessTokenJti } = await mint();
    revoked.add(accessTokenJti);
    expect(await rejection(response.access_token)).toBe('invalid_token: access token has been revoked');
  });

  it('refuses a token signed by a key that is not ours', async () => {
    const other = await memorySigningKeys();
    const now = Math.floor(Date.now() / 1000);
    const foreign = await other.sign({ iss: ISSUER, aud: ISSUER, sub: 'alice', client_id: 'rp-1', scope: 'openid', jti: 'j', iat: now, exp: now + 60 }, { alg: 'RS256', typ: 'at+jwt' });
    expect(await rejection(foreign)).toBe('invalid_token: access token is invalid');
  });
});
