import { sha256 } from '@ciba/service-kit';
import { newRefreshToken } from '../../../../src/domain/tokens/refresh-token.ts';

describe('newRefreshToken', () => {
  it('is 256 random bits, stored as its SHA-256, expiring after the TTL', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const a = newRefreshToken(60, now);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.tokenHash).toBe(sha256(a.token));
    expect(a.expiresAt).toEqual(new Date('2026-11-22T10:01:00Z'));
    expect(newRefreshToken(60, now).token).not.toBe(a.token);
  });
});
