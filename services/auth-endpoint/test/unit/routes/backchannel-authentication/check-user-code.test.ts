import type { ClientView, UserView } from '@ciba/contracts';
import { checkUserCode } from '../../../../src/routes/backchannel-authentication/check-user-code.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkUserCode', () => {
  let directory: TestDirectory;
  let withCode: UserView;
  let withoutCode: UserView;
  let registered: ClientView;
  let unregistered: ClientView;
  beforeAll(async () => {
    directory = await createTestDirectory();
    withCode = directory.addUser('alice', { userCode: '1234' }).view;
    withoutCode = directory.addUser('bob').view;
    registered = directory.addClient('uc', { backchannel_user_code_parameter: true }).view;
    unregistered = directory.addClient('plain').view;
  });

  const ctx = (client: ClientView, user: UserView, user_code?: string) =>
    backchannelContext(directory, { client, user, params: user_code === undefined ? {} : { user_code } }).ctx;

  it('user_code: accepted when right', async () => {
    await expect(checkUserCode(ctx(registered, withCode, '1234'))).resolves.toBeUndefined();
  });

  it('user_code: missing answers missing_user_code', async () => {
    await expectOAuthError(() => checkUserCode(ctx(registered, withCode)), 'missing_user_code', 'user_code is required');
  });

  it('user_code: wrong answers invalid_user_code', async () => {
    await expectOAuthError(() => checkUserCode(ctx(registered, withCode, '9999')), 'invalid_user_code', 'user_code is invalid');
  });

  it('user_code: absurdly long answers invalid_user_code without asking the directory', async () => {
    const spy = jest.spyOn(directory, 'verifyUserCode');
    await expectOAuthError(() => checkUserCode(ctx(registered, withCode, '1'.repeat(2000))), 'invalid_user_code', 'user_code is invalid');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('user_code: ignored when the client did not register backchannel_user_code_parameter', async () => {
    await expect(checkUserCode(ctx(unregistered, withCode))).resolves.toBeUndefined();
    await expect(checkUserCode(ctx(unregistered, withCode, 'wrong'))).resolves.toBeUndefined();
  });

  it('user_code: ignored when the user has no user code', async () => {
    await expect(checkUserCode(ctx(registered, withoutCode))).resolves.toBeUndefined();
    await expect(checkUserCode(ctx(registered, withoutCode, 'anything'))).resolves.toBeUndefined();
  });
});
