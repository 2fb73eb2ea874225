import type { UserHintParameter } from '@ciba/contracts/api/backchannel-authentication';
import { resolveUser } from '../../../../src/routes/backchannel-authentication/resolve-user.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('resolveUser', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
    directory.addClient('rp');
    directory.addUser('alice', { hints: ['alice@example.com', '+15550100'] });
  });

  const run = (name: UserHintParameter, value: string) => {
    const { ctx } = backchannelContext(directory, { client: directory.clients.get('rp')!.view, hint: { name, value } });
    return { ctx, run: () => resolveUser(ctx) };
  };

  it('login_hint: resolves through the directory', async () => {
    const { ctx, run: go } = run('login_hint', '+15550100');
    await go();
    expect(ctx.user?.sub).toBe('alice');
  });

  it('login_hint: an unknown hint answers unknown_user_id', async () => {
    await expectOAuthError(run('login_hint', 'nobody@example.com').run, 'unknown_user_id', 'login_hint does not identify a known user');
  });

  it('login_hint: a hint beyond 1024 characters answers unknown_user_id without asking', async () => {
    const spy = jest.spyOn(directory, 'resolveLoginHint');
    await expectOAuthError(run('login_hint', 'a'.repeat(1025)).run, 'unknown_user_id', 'login_hint does not identify a known user');
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('login_hint: a hint whose user was deleted answers unknown_user_id', async () => {
    directory.addUser('gone', { hints: ['gone@example.com'] });
    const spy = jest.spyOn(directory, 'getUser').mockResolvedValueOnce(null);
    await expectOAuthError(run('login_hint', 'gone@example.com').run, 'unknown_user_id', 'login_hint does not identify a known user');
    spy.mockRestore();
  });

  it('hands the directory nothing longer than a sub may be', async () => {
    const spy = jest.spyOn(directory, 'resolveLoginHint').mockResolvedValueOnce('s'.repeat(256));
    const getUser = jest.spyOn(directory, 'getUser');
    await expectOAuthError(run('login_hint', 'alice@example.com').run, 'unknown_user_id', 'login_hint does not identify a known user');
    expect(getUser).not.toHaveBeenCalled();
    spy.mockRestore();
    getUser.mockRestore();
  });
});
