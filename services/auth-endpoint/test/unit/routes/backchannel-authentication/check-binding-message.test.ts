import { checkBindingMessage } from '../../../../src/routes/backchannel-authentication/check-binding-message.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkBindingMessage', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  const ctxWith = (binding_message?: string) => backchannelContext(directory, { params: binding_message === undefined ? {} : { binding_message } }).ctx;

  it('binding_message: is optional', () => {
    expect(() => checkBindingMessage(ctxWith())).not.toThrow();
  });

  it.each(['W4SP', 'Pay €12.50 to ACME — ref 123', 'x'.repeat(64), '😀'.repeat(64)])('binding_message: accepts %j', (message) => {
    expect(() => checkBindingMessage(ctxWith(message))).not.toThrow();
  });

  it('binding_message: answers invalid_binding_message beyond 64 characters', async () => {
    await expectOAuthError(() => checkBindingMessage(ctxWith('x'.repeat(65))), 'invalid_binding_message', 'binding_message must be at most 64 characters');
  });

  it.each(['two\nlines', 'tab\t', 'ctl\u0001', 'rtl\u202e', 'zw\u200d'])('binding_message: answers invalid_binding_message for %j', async (message) => {
    await expectOAuthError(() => checkBindingMessage(ctxWith(message)), 'invalid_binding_message', 'binding_message must contain only printable characters');
  });
});
