import { buildPingBody } from '../../../src/domain/build-ping-body.ts';
import { buildPushErrorBody } from '../../../src/domain/build-push-error-body.ts';
import { buildPushTokenBody } from '../../../src/domain/build-push-token-body.ts';

describe('callback bodies', () => {
  it('buildPingBody: exactly { auth_req_id } (CIBA Core §10.2)', () => {
    expect(buildPingBody('id-1')).toStrictEqual({ auth_req_id: 'id-1' });
  });

  it('buildPushTokenBody: the token response plus auth_req_id (CIBA Core §10.3.1)', () => {
    const tokens = { access_token: 'at', token_type: 'Bearer' as const, expires_in: 600, refresh_token: 'rt', id_token: 'idt', scope: 'openid' };
    expect(buildPushTokenBody('id-2', tokens)).toStrictEqual({ auth_req_id: 'id-2', ...tokens });
  });

  it.each([
    ['access_denied', 'the end-user denied the authorization request'],
    ['expired_token', 'the auth_req_id has expired'],
    ['transaction_failed', 'the authorization server could not complete the request'],
  ] as const)('buildPushErrorBody: %s (CIBA Core §12)', (error, description) => {
    expect(buildPushErrorBody('id-3', error)).toStrictEqual({ auth_req_id: 'id-3', error, error_description: description });
  });
});
