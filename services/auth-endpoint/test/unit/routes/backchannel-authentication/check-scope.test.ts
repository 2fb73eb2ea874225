import { checkScope } from '../../../../src/routes/backchannel-authentication/check-scope.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkScope', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  const run = (scope: string | undefined, registered?: string) => {
    const client = directory.addClient('rp', registered === undefined ? {} : { scope: registered }).view;
    const { ctx } = backchannelContext(directory, { client, params: scope === undefined ? {} : { scope } });
    return { ctx, run: () => checkScope(ctx) };
  };

  it('scope: answers invalid_request when absent', async () => {
    await expectOAuthError(run(undefined).run, 'invalid_request', 'missing required parameter scope');
  });

  it('scope: answers invalid_scope without openid', async () => {
    await expectOAuthError(run('profile email').run, 'invalid_scope', 'scope must contain openid');
  });

  it('scope: openid as a substring does not count', async () => {
    await expectOAuthError(run('openid_extra profile').run, 'invalid_scope', 'scope must contain openid');
  });

  it('scope: drops unsupported values', () => {
    const { ctx, run: go } = run('openid profile payments:write email');
    go();
    expect(ctx.scope).toBe('openid profile email');
  });

  it('scope: drops values outside the client registration', () => {
    const { ctx, run: go } = run('openid profile email', 'openid email');
    go();
    expect(ctx.scope).toBe('openid email');
  });
});
