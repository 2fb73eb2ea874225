import * as errors from '@ciba/contracts/oauth-errors';

describe('OAuth error classes', () => {
  it.each([
    // CIBA Core §13 (backchannel authentication endpoint)
    [errors.InvalidRequest, 'invalid_request', 400],
    [errors.InvalidScope, 'invalid_scope', 400],
    [errors.ExpiredLoginHintToken, 'expired_login_hint_token', 400],
    [errors.UnknownUserId, 'unknown_user_id', 400],
    [errors.UnauthorizedClient, 'unauthorized_client', 400],
    [errors.MissingUserCode, 'missing_user_code', 400],
    [errors.InvalidUserCode, 'invalid_user_code', 400],
    [errors.InvalidBindingMessage, 'invalid_binding_message', 400],
    [errors.InvalidClient, 'invalid_client', 401],
    // CIBA Core §11 and RFC 6749 §5.2 (token endpoint)
    [errors.AuthorizationPending, 'authorization_pending', 400],
    [errors.SlowDown, 'slow_down', 400],
    [errors.ExpiredToken, 'expired_token', 400],
    [errors.AccessDenied, 'access_denied', 400],
    [errors.InvalidGrant, 'invalid_grant', 400],
    [errors.UnsupportedGrantType, 'unsupported_grant_type', 400],
    // RFC 7591, RFC 7009, RFC 6750
    [errors.InvalidClientMetadata, 'invalid_client_metadata', 400],
    [errors.UnsupportedTokenType, 'unsupported_token_type', 400],
    [errors.InvalidToken, 'invalid_token', 401],
    [errors.InsufficientScope, 'insufficient_scope', 403],
  ] as const)('%p answers %s with %i', (ErrorClass, code, status) => {
    const err = new ErrorClass('described');
    expect(err).toBeInstanceOf(errors.OAuthError);
    expect(err.status).toBe(status);
    expect(err.toJSON()).toEqual({ error: code, error_description: 'described' });
    // RFC 6749 §5.2: only %x20-21 / %x23-5B / %x5D-7E, whatever the caller put in the description.
    const wild = new ErrorClass('unsupported grant_type "urn:x\\y" \u00e9\u0000\n\u{1F600}');
    expect(wild.toJSON().error_description).toBe("unsupported grant_type 'urn:x/y' ?????");
    expect(wild.toJSON().error_description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/);
    for (const value of Object.values(wild.headers)) expect(value).not.toMatch(/[^\x20-\x7e]/);
  });

  it('access_denied is 403 at the backchannel endpoint (CIBA Core §13)', () => {
    expect(new errors.AccessDenied('no', { status: 403 }).status).toBe(403);
  });

  it('invalid_client carries a WWW-Authenticate challenge (RFC 6749 §5.2)', () => {
    expect(new errors.InvalidClient().headers['WWW-Authenticate']).toBe('Basic realm="ciba"');
  });

  it('captures no stack for an expected 4xx answer, keeps the cause and its stack, and leaves the global limit alone', () => {
    const limit = Error.stackTraceLimit;
    const cause = new Error('redis down');
    const err = new errors.SlowDown('slow', { cause });
    expect(err.stack).toBe('Error: slow');
    expect(err.cause).toBe(cause);
    expect(cause.stack).toContain('errors.test.ts');
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('keeps the stack of a 5xx, a failure the log needs to trace', () => {
    expect(new errors.ServerError().stack).toContain('errors.test.ts');
    expect(new errors.AccessDenied('no', { status: 503 }).stack).toContain('errors.test.ts');
  });

  it('never exposes the description of a server error', () => {
    expect(new errors.ServerError('db password wrong').toJSON()).toEqual({ error: 'server_error', error_description: 'internal server error' });
  });
});
