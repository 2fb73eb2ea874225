import { checkGrantType } from '../../../../src/routes/backchannel-authentication/check-grant-type.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkGrantType', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  it('lets a client registered for the CIBA grant through', () => {
    const { ctx } = backchannelContext(directory, { client: directory.addClient('ciba').view });
    expect(() => checkGrantType(ctx)).not.toThrow();
  });

  it('answers unauthorized_client when grant_types lacks urn:openid:params:grant-type:ciba', async () => {
    const { ctx } = backchannelContext(directory, { client: directory.addClient('code', { grant_types: ['authorization_code', 'refresh_token'] }).view });
    await expectOAuthError(() => checkGrantType(ctx), 'unauthorized_client', 'client is not registered for the urn:openid:params:grant-type:ciba grant type');
  });
});
