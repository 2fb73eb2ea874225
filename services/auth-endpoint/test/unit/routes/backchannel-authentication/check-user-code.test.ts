import type { ClientView, UserView } from '@ciba/contracts';
import type { UserCodeAttempts } from '../../../../src/domain/user-code-attempts.ts';
import { checkUserCode, USER_CODE_LOCKED } from '../../../../src/routes/backchannel-authentication/check-user-code.ts';
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

  describe('attempt limit (BC_USER_CODE_*)', () => {
    /** Records the calls the step makes on the attempt limit; `begin` answers `answer`. */
    function attempts(answer: Awaited<ReturnType<UserCodeAttempts['begin']>> | Error) {
      const calls: string[] = [];
      const port: UserCodeAttempts = {
        async begin(sub) {
          calls.push(`begin ${sub}`);
          if (answer instanceof Error) throw answer;
          return answer;
        },
        succeeded: async (sub) => void calls.push(`succeeded ${sub}`),
        failed: async (sub) => void calls.push(`failed ${sub}`),
        abandon: async (sub) => void calls.push(`abandon ${sub}`),
      };
      return { port, calls };
    }
    const limited = (port: UserCodeAttempts, user_code: string) =>
      backchannelContext(directory, { client: registered, user: withCode, params: { user_code } }, { deps: { userCodeAttempts: port } }).ctx;

    it('a right code is counted, then resets the count', async () => {
      const { port, calls } = attempts({ allowed: true });
      await expect(checkUserCode(limited(port, '1234'))).resolves.toBeUndefined();
      expect(calls).toEqual(['begin alice', 'succeeded alice']);
    });

    it('a wrong code stays counted (failed: may start the lockout) and answers invalid_user_code', async () => {
      const { port, calls } = attempts({ allowed: true });
      await expectOAuthError(() => checkUserCode(limited(port, '0000')), 'invalid_user_code', 'user_code is invalid');
      expect(calls).toEqual(['begin alice', 'failed alice']);
    });

    it('locked out: 403 access_denied with Retry-After, and the code is not checked at all', async () => {
      const { port, calls } = attempts({ allowed: false, retryAfter: 120 });
      const spy = jest.spyOn(directory, 'verifyUserCode');
      let headers: Record<string, string> | undefined;
      await expectOAuthError(
        () => Promise.resolve(checkUserCode(limited(port, '1234'))).catch((err: { headers?: Record<string, string> }) => Promise.reject((headers = err.headers, err))),
        'access_denied',
        USER_CODE_LOCKED,
        403,
      );
      expect(headers).toEqual({ 'Retry-After': '120' });
      expect(spy).not.toHaveBeenCalled();
      expect(calls).toEqual(['begin alice']);
      spy.mockRestore();
    });

    it('the limit cannot be checked: 503 temporarily_unavailable (fails closed), the code is not checked', async () => {
      const { port } = attempts(new Error('redis connection is reconnecting'));
      const spy = jest.spyOn(directory, 'verifyUserCode');
      await expectOAuthError(() => checkUserCode(limited(port, '1234')), 'temporarily_unavailable', 'the user_code cannot be checked now, try again later', 503);
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    });

    it('the directory failing: the attempt is taken back (abandon) and the error passes on', async () => {
      const { port, calls } = attempts({ allowed: true });
      const spy = jest.spyOn(directory, 'verifyUserCode').mockRejectedValueOnce(new Error('directory down'));
      await expect(checkUserCode(limited(port, '1234'))).rejects.toThrow('directory down');
      expect(calls).toEqual(['begin alice', 'abandon alice']);
      spy.mockRestore();
    });

    it('nothing is counted when the code does not count (no user code, or the client did not register the parameter)', async () => {
      const { port, calls } = attempts({ allowed: true });
      await checkUserCode(backchannelContext(directory, { client: registered, user: withoutCode, params: { user_code: 'x' } }, { deps: { userCodeAttempts: port } }).ctx);
      await checkUserCode(backchannelContext(directory, { client: unregistered, user: withCode, params: { user_code: 'x' } }, { deps: { userCodeAttempts: port } }).ctx);
      expect(calls).toEqual([]);
    });
  });
});
