import { checkUserHint } from '../../../../src/routes/backchannel-authentication/check-user-hint.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkUserHint', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  it.each(['login_hint', 'id_token_hint', 'login_hint_token'] as const)('accepts %s alone', (name) => {
    const { ctx } = backchannelContext(directory, { params: { scope: 'openid', [name]: 'value' } });
    checkUserHint(ctx);
    expect(ctx.hint).toEqual({ name, value: 'value' });
  });

  it('answers invalid_request without any hint', async () => {
    const { ctx } = backchannelContext(directory, { params: { scope: 'openid' } });
    await expectOAuthError(() => checkUserHint(ctx), 'invalid_request', 'one of login_hint_token, id_token_hint or login_hint is required');
  });

  it.each([
    [{ login_hint: 'a', id_token_hint: 'b' }],
    [{ login_hint: 'a', login_hint_token: 'c' }],
    [{ id_token_hint: 'b', login_hint_token: 'c' }],
    [{ login_hint: 'a', id_token_hint: 'b', login_hint_token: 'c' }],
  ])('answers invalid_request for several hints %p', async (hints) => {
    const { ctx } = backchannelContext(directory, { params: { scope: 'openid', ...hints } });
    await expectOAuthError(() => checkUserHint(ctx), 'invalid_request', 'only one of login_hint_token, id_token_hint and login_hint may be sent');
  });

  it('a client that registered backchannel_user_hint_types may use those kinds only (unauthorized_client)', async () => {
    const client = directory.addClient('terminal', { backchannel_user_hint_types: ['login_hint_token'] }).view;
    const allowed = backchannelContext(directory, { client, params: { scope: 'openid', login_hint_token: 'value' } }).ctx;
    checkUserHint(allowed);
    expect(allowed.hint).toEqual({ name: 'login_hint_token', value: 'value' });
    for (const name of ['login_hint', 'id_token_hint'] as const) {
      const { ctx } = backchannelContext(directory, { client, params: { scope: 'openid', [name]: 'value' } });
      await expectOAuthError(() => checkUserHint(ctx), 'unauthorized_client', `this client is not registered to identify users by ${name}`);
    }
  });
});
