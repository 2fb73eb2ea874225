import {
  AUTHENTICATION_REQUEST_PARAMETERS,
  authenticationRequestParameters,
  BACKCHANNEL_AUTHENTICATION_ERRORS,
  backchannelAuthenticationResponse,
  loginHintTokenClaims,
  signedAuthenticationRequestClaims,
  USER_HINT_PARAMETERS,
} from '../../../src/api/backchannel-authentication.ts';

describe('authenticationRequestParameters', () => {
  it('names every parameter of CIBA Core §7.1', () => {
    expect([...AUTHENTICATION_REQUEST_PARAMETERS].sort()).toEqual(Object.keys(authenticationRequestParameters.shape).sort());
    expect(USER_HINT_PARAMETERS.every((p) => (AUTHENTICATION_REQUEST_PARAMETERS as readonly string[]).includes(p))).toBe(true);
  });

  it('accepts requested_expiry as a string or a number, and strings elsewhere', () => {
    expect(authenticationRequestParameters.parse({ scope: 'openid', requested_expiry: 60 })).toEqual({ scope: 'openid', requested_expiry: 60 });
    expect(authenticationRequestParameters.parse({ requested_expiry: '60' })).toEqual({ requested_expiry: '60' });
    expect(authenticationRequestParameters.safeParse({ login_hint: 42 }).success).toBe(false);
  });
});

describe('signedAuthenticationRequestClaims', () => {
  const claims = { iss: 'rp', aud: 'https://op', exp: 2, iat: 1, nbf: 1, jti: 'j', scope: 'openid', login_hint: 'a' };

  it('requires iss, aud, exp, iat, nbf and jti (CIBA Core §7.1.1)', () => {
    expect(signedAuthenticationRequestClaims.parse(claims)).toEqual(claims);
    for (const name of ['iss', 'aud', 'exp', 'iat', 'nbf', 'jti']) {
      const { [name]: _dropped, ...rest } = claims as Record<string, unknown>;
      expect(signedAuthenticationRequestClaims.safeParse(rest).success).toBe(false);
    }
  });

  it('accepts aud as an array', () => {
    expect(signedAuthenticationRequestClaims.safeParse({ ...claims, aud: ['https://op', 'x'] }).success).toBe(true);
  });
});

describe('loginHintTokenClaims', () => {
  it.each([
    { format: 'email', email: 'a@example.com' },
    { format: 'phone_number', phone_number: '+15550100' },
    { format: 'opaque', id: 'x' },
    { format: 'iss_sub', iss: 'https://op', sub: 'alice' },
  ])('accepts the RFC 9493 subject identifier %j', (sub_id) => {
    expect(loginHintTokenClaims.parse({ sub_id }).sub_id).toEqual(sub_id);
  });

  it.each([undefined, 'alice', { format: 'email' }, { format: 'did', url: 'did:x' }])('rejects sub_id %j', (sub_id) => {
    expect(loginHintTokenClaims.safeParse({ sub_id }).success).toBe(false);
  });
});

describe('backchannelAuthenticationResponse', () => {
  it('carries auth_req_id, expires_in and an optional interval (CIBA Core §7.3)', () => {
    const id = 'A'.repeat(43);
    expect(backchannelAuthenticationResponse.parse({ auth_req_id: id, expires_in: 600, interval: 5 })).toEqual({ auth_req_id: id, expires_in: 600, interval: 5 });
    expect(backchannelAuthenticationResponse.parse({ auth_req_id: id, expires_in: 600 })).toEqual({ auth_req_id: id, expires_in: 600 });
  });

  it('rejects an auth_req_id too short to carry 160 bits', () => {
    expect(backchannelAuthenticationResponse.safeParse({ auth_req_id: 'A'.repeat(26), expires_in: 600 }).success).toBe(false);
  });
});

describe('BACKCHANNEL_AUTHENTICATION_ERRORS', () => {
  it('lists the codes of CIBA Core §13 with their statuses', () => {
    expect(BACKCHANNEL_AUTHENTICATION_ERRORS).toEqual({
      invalid_request: 400,
      invalid_scope: 400,
      expired_login_hint_token: 400,
      unknown_user_id: 400,
      unauthorized_client: 400,
      missing_user_code: 400,
      invalid_user_code: 400,
      invalid_binding_message: 400,
      invalid_client: 401,
      access_denied: 403,
    });
  });
});
