import { InvalidDpopProof, InvalidGrant } from '@ciba/contracts/oauth-errors';
import { checkRefreshBinding } from '../../../../src/domain/grants/check-refresh-binding.ts';
import type { RefreshTokenRecord } from '../../../../src/domain/grants/refresh-token-record.ts';

const record = (dpopJkt: string | null): RefreshTokenRecord => ({
  tokenHash: 'h',
  familyId: 'f',
  clientId: 'rp-1',
  sub: 'alice',
  scope: 'openid',
  acr: null,
  authTime: new Date(),
  requestId: null,
  expiresAt: new Date(Date.now() + 60_000),
  usedAt: null,
  revokedAt: null,
  createdAt: new Date(),
  dpopJkt,
});

describe('checkRefreshBinding (RFC 9449 §5)', () => {
  it('needs no proof for an unbound refresh token, and takes one', () => {
    expect(() => checkRefreshBinding(record(null), undefined)).not.toThrow();
    expect(() => checkRefreshBinding(record(null), 'jkt-1')).not.toThrow();
  });

  it('accepts a proof by the bound key', () => {
    expect(() => checkRefreshBinding(record('jkt-1'), 'jkt-1')).not.toThrow();
  });

  it('refuses a bound refresh token without a proof: invalid_dpop_proof', () => {
    expect(() => checkRefreshBinding(record('jkt-1'), undefined)).toThrow(InvalidDpopProof);
    expect(() => checkRefreshBinding(record('jkt-1'), undefined)).toThrow('a DPoP proof is required: refresh_token is DPoP-bound');
  });

  it('refuses a proof by another key: invalid_grant', () => {
    expect(() => checkRefreshBinding(record('jkt-1'), 'jkt-2')).toThrow(InvalidGrant);
    expect(() => checkRefreshBinding(record('jkt-1'), 'jkt-2')).toThrow('refresh_token is bound to another DPoP key');
  });
});
