import { checkRequestedExpiry } from '../../../../src/routes/backchannel-authentication/check-requested-expiry.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkRequestedExpiry', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  const ctxWith = (requested_expiry?: string | number) =>
    backchannelContext(directory, { params: requested_expiry === undefined ? {} : { requested_expiry } }).ctx;

  it('requested_expiry: absent → the default expiry', () => {
    const ctx = ctxWith();
    checkRequestedExpiry(ctx);
    expect(ctx.expiresIn).toBe(600);
    expect(ctx.requestedExpiry).toBeUndefined();
  });

  it.each([['120', 120], [120, 120], ['10', 10], ['3600', 3600]] as const)('requested_expiry: %p → %p seconds', (value, seconds) => {
    const ctx = ctxWith(value);
    checkRequestedExpiry(ctx);
    expect(ctx.expiresIn).toBe(seconds);
    expect(ctx.requestedExpiry).toBe(seconds);
  });

  it.each(['abc', '-1', '1.5', '0', 0, 2.5, '1e3'])('requested_expiry: %p answers invalid_request', async (value) => {
    await expectOAuthError(() => checkRequestedExpiry(ctxWith(value)), 'invalid_request', 'requested_expiry must be a positive integer');
  });

  it.each(['9', '3601', 86_400])('requested_expiry: %p out of bounds answers invalid_request', async (value) => {
    await expectOAuthError(() => checkRequestedExpiry(ctxWith(value)), 'invalid_request', 'requested_expiry must be between 10 and 3600 seconds');
  });
});
