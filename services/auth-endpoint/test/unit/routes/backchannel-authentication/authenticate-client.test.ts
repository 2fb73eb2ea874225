import { authenticateClient } from '../../../../src/routes/backchannel-authentication/authenticate-client.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, TEST_ISSUER, type TestDirectory } from '../../../support/test-directory.ts';

describe('authenticateClient', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
    directory.addClient('rp');
  });

  it('authenticates with client_secret_basic and passes this endpoint as the assertion audience', async () => {
    const spy = jest.spyOn(directory, 'authenticateClient');
    const basic = `Basic ${Buffer.from('rp:secret-of-rp').toString('base64')}`;
    const { ctx } = backchannelContext(directory, {}, { headers: { authorization: basic } });
    await authenticateClient(ctx);
    expect(ctx.client?.client_id).toBe('rp');
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ authorization: basic, endpoint: `${TEST_ISSUER}/bc-authorize` }));
    spy.mockRestore();
  });

  it('authenticates with client_secret_post', async () => {
    const { ctx } = backchannelContext(directory, { form: { client_id: 'rp', client_secret: 'secret-of-rp' } });
    await authenticateClient(ctx);
    expect(ctx.client?.client_id).toBe('rp');
  });

  it('answers invalid_client (401) for a wrong secret', async () => {
    const { ctx } = backchannelContext(directory, { form: { client_id: 'rp', client_secret: 'wrong' } });
    await expectOAuthError(() => authenticateClient(ctx), 'invalid_client', 'client authentication failed', 401);
  });

  it('answers invalid_client (401) without credentials', async () => {
    const { ctx } = backchannelContext(directory);
    await expectOAuthError(() => authenticateClient(ctx), 'invalid_client', 'client authentication failed', 401);
  });

  it('answers invalid_client (401) for credentials beyond the port limits, without asking the directory', async () => {
    const spy = jest.spyOn(directory, 'authenticateClient');
    const { ctx } = backchannelContext(directory, { form: { client_id: 'rp', client_assertion: 'x'.repeat(20_000) } });
    await expectOAuthError(() => authenticateClient(ctx), 'invalid_client', 'client credentials are malformed', 401);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
