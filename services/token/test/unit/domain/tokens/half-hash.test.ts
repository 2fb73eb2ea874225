import { halfHash } from '../../../../src/domain/tokens/half-hash.ts';

describe('halfHash', () => {
  it('matches the at_hash of OpenID Connect Core Appendix A.3', () => {
    expect(halfHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256')).toBe('77QmUPtjPfzWtF2AnpK9RQ');
  });

  it('uses SHA-256 for PS256 and ES256 as well (16 bytes, base64url)', () => {
    expect(halfHash('token', 'PS256')).toBe(halfHash('token', 'RS256'));
    expect(halfHash('token', 'ES256')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
