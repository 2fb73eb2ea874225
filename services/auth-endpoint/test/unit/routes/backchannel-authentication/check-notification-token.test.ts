import type { DeliveryMode } from '@ciba/contracts';
import { checkNotificationToken } from '../../../../src/routes/backchannel-authentication/check-notification-token.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkNotificationToken', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  const ctxWith = (mode: DeliveryMode | undefined, client_notification_token?: string) =>
    backchannelContext(directory, {
      client: directory.addClient('rp', { backchannel_token_delivery_mode: mode }).view,
      params: client_notification_token === undefined ? {} : { client_notification_token },
    }).ctx;

  it('poll: ignores client_notification_token', () => {
    const ctx = ctxWith('poll', 'bad token with spaces');
    checkNotificationToken(ctx);
    expect(ctx.deliveryMode).toBe('poll');
    expect(ctx.clientNotificationToken).toBeUndefined();
  });

  it('a client without a registered mode polls', () => {
    const ctx = ctxWith(undefined);
    checkNotificationToken(ctx);
    expect(ctx.deliveryMode).toBe('poll');
  });

  it.each(['ping', 'push'] as const)('%s: keeps client_notification_token', (mode) => {
    const ctx = ctxWith(mode, 'abc-._~+/123==');
    checkNotificationToken(ctx);
    expect(ctx.deliveryMode).toBe(mode);
    expect(ctx.clientNotificationToken).toBe('abc-._~+/123==');
  });

  it.each(['ping', 'push'] as const)('%s: client_notification_token missing answers invalid_request', async (mode) => {
    await expectOAuthError(() => checkNotificationToken(ctxWith(mode)), 'invalid_request', `client_notification_token is required in ${mode} mode`);
  });

  it('ping: client_notification_token of 1024 characters is fine, 1025 answers invalid_request', async () => {
    expect(() => checkNotificationToken(ctxWith('ping', 'a'.repeat(1024)))).not.toThrow();
    await expectOAuthError(() => checkNotificationToken(ctxWith('ping', 'a'.repeat(1025))), 'invalid_request', 'client_notification_token must be at most 1024 characters');
  });

  it.each(['has space', 'quote"', 'a=b', 'ünïcode'])('ping: client_notification_token %j answers invalid_request', async (token) => {
    await expectOAuthError(() => checkNotificationToken(ctxWith('ping', token)), 'invalid_request', 'client_notification_token must have the syntax of a bearer token');
  });
});
