import { checkRefreshToken } from '../../../../src/domain/grants/check-refresh-token.ts';
import type { RefreshTokenRecord } from '../../../../src/domain/grants/refresh-token-record.ts';
import { reusedRefreshToken } from '../../../../src/domain/grants/reused-refresh-token.ts';

const now = new Date('2026-11-22T10:00:00Z');
const record = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: 'h',
  familyId: 'f',
  clientId: 'rp-1',
  sub: 'alice',
  scope: 'openid',
  acr: null,
  authTime: now,
  requestId: null,
  expiresAt: new Date(now.getTime() + 1000),
  usedAt: null,
  revokedAt: null,
  createdAt: now,
  ...overrides,
});

describe('checkRefreshToken', () => {
  it('answers valid for an unused, unrevoked, unexpired token of the client', () => {
    expect(checkRefreshToken(record(), 'rp-1', now)).toBe('valid');
  });

  it('answers reused for a token already rotated (the caller revokes the family)', () => {
    expect(checkRefreshToken(record({ usedAt: now }), 'rp-1', now)).toBe('reused');
    expect(reusedRefreshToken()).toMatchObject({ error: 'invalid_grant', message: 'refresh_token has already been used; every token of its grant is revoked' });
  });

  it.each([
    ['unknown', null, 'rp-1', 'refresh_token is invalid'],
    ['another client’s', record(), 'rp-2', 'refresh_token is invalid'],
    ['revoked', record({ revokedAt: now, usedAt: now }), 'rp-1', 'refresh_token has been revoked'],
    ['expired', record({ expiresAt: now }), 'rp-1', 'refresh_token has expired'],
  ])('%s → invalid_grant', (_name, rec, clientId, description) => {
    expect(() => checkRefreshToken(rec, clientId, now)).toThrow(expect.objectContaining({ error: 'invalid_grant', message: description }));
  });
});
