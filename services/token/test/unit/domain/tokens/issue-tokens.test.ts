import { decodeProtectedHeader } from 'jose';
import type { ClientView } from '@ciba/contracts';
import { halfHash } from '../../../../src/domain/tokens/half-hash.ts';
import { AUTH_REQ_ID_CLAIM, RT_HASH_CLAIM } from '../../../../src/domain/tokens/id-token.ts';
import { issueTokens, type IssueTokensInput } from '../../../../src/domain/tokens/issue-tokens.ts';
import type { LoadableSigningKeys } from '../../../../src/domain/keys/create-signing-keys.ts';
import { memorySigningKeys } from '../../../support/memory-signing-keys.ts';

let keys: LoadableSigningKeys;
beforeAll(async () => {
  keys = await memorySigningKeys();
});

const now = new Date('2026-11-22T10:00:00Z');
const iat = Math.floor(now.getTime() / 1000);
const client = { client_id: 'rp-1', id_token_signed_response_alg: 'PS256', grant_types: [] } as unknown as ClientView;
const input = (overrides: Partial<IssueTokensInput> = {}): IssueTokensInput => ({
  issuer: 'https://op.example',
  ttl: { accessToken: 300, idToken: 600, refreshToken: 3600 },
  client,
  sub: 'alice',
  scope: 'openid email',
  authTime: new Date('2026-11-22T09:59:00Z'),
  acr: 'urn:acr:high',
  withIdToken: true,
  withRefreshToken: true,
  now,
  ...overrides,
});
const verify = async (jwt: string) => (await keys.verify(jwt, { currentDate: now })).payload;

describe('issueTokens', () => {
  it('mints an RFC 9068 access token: at+jwt, RS256, with every required claim', async () => {
    const issued = await issueTokens(keys, input());
    expect(decodeProtectedHeader(issued.response.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: expect.any(String) });
    expect(await verify(issued.response.access_token)).toEqual({
      iss: 'https://op.example',
      exp: iat + 300,
      aud: 'https://op.example',
      sub: 'alice',
      client_id: 'rp-1',
      iat,
      jti: issued.accessTokenJti,
      scope: 'openid email',
      auth_time: iat - 60,
      acr: 'urn:acr:high',
    });
  });

  it('mints the ID token with the client algorithm, at_hash, auth_time and acr, no push claims', async () => {
    const issued = await issueTokens(keys, input());
    expect(decodeProtectedHeader(issued.response.id_token!)).toMatchObject({ alg: 'PS256', typ: 'JWT' });
    expect(await verify(issued.response.id_token!)).toEqual({
      iss: 'https://op.example',
      sub: 'alice',
      aud: 'rp-1',
      exp: iat + 600,
      iat,
      auth_time: iat - 60,
      acr: 'urn:acr:high',
      at_hash: halfHash(issued.response.access_token, 'PS256'),
    });
  });

  it('answers the token response; the refresh token is handed back for storage', async () => {
    const issued = await issueTokens(keys, input());
    expect(issued.response).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 300,
      refresh_token: issued.refreshToken!.token,
      id_token: expect.any(String),
      scope: 'openid email',
    });
    expect(issued.refreshToken!.expiresAt).toEqual(new Date(now.getTime() + 3600_000));
  });

  it('omits the ID token, refresh token and acr when not called for', async () => {
    const issued = await issueTokens(keys, input({ withIdToken: false, withRefreshToken: false, acr: undefined }));
    expect(Object.keys(issued.response).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(issued.refreshToken).toBeUndefined();
    expect(await verify(issued.response.access_token)).not.toHaveProperty('acr');
  });

  it('adds the CIBA push claims auth_req_id and rt_hash only when asked', async () => {
    const issued = await issueTokens(keys, input({ push: { authReqId: 'the-auth-req-id' } }));
    const idToken = await verify(issued.response.id_token!);
    expect(idToken[AUTH_REQ_ID_CLAIM]).toBe('the-auth-req-id');
    expect(idToken[RT_HASH_CLAIM]).toBe(halfHash(issued.refreshToken!.token, 'PS256'));
    const withoutRefresh = await issueTokens(keys, input({ push: { authReqId: 'x' }, withRefreshToken: false }));
    expect(await verify(withoutRefresh.response.id_token!)).not.toHaveProperty(RT_HASH_CLAIM);
  });
});

describe('issueTokens cnf (sender-constrained access tokens)', () => {
  it('puts cnf.jkt in the access token and answers token_type DPoP (RFC 9449 §5, §6.1)', async () => {
    const issued = await issueTokens(keys, input({ cnf: { jkt: 'thumbprint-1' } }));
    expect(issued.response.token_type).toBe('DPoP');
    expect(await verify(issued.response.access_token)).toMatchObject({ cnf: { jkt: 'thumbprint-1' } });
  });

  it('leaves a token without cnf a Bearer token with no cnf claim', async () => {
    const issued = await issueTokens(keys, input());
    expect(issued.response.token_type).toBe('Bearer');
    expect(await verify(issued.response.access_token)).not.toHaveProperty('cnf');
  });
});
