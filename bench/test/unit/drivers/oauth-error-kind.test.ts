import { oauthErrorKind } from '../../../src/drivers/oauth-error-kind.ts';

describe('oauthErrorKind', () => {
  it('status and OAuth error code; the status alone for other bodies', () => {
    expect(oauthErrorKind(400, '{"error":"invalid_grant","error_description":"x"}')).toBe('400 invalid_grant');
    expect(oauthErrorKind(503, 'Service Unavailable')).toBe('503');
    expect(oauthErrorKind(500, '{"message":"x"}')).toBe('500');
  });
});
