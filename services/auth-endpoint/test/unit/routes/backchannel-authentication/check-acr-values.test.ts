import { checkAcrValues } from '../../../../src/routes/backchannel-authentication/check-acr-values.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkAcrValues', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  it('acr_values: optional, and kept as given', () => {
    expect(() => checkAcrValues(backchannelContext(directory).ctx)).not.toThrow();
    expect(() => checkAcrValues(backchannelContext(directory, { params: { acr_values: 'urn:mace:incommon:iap:silver loa2' } }).ctx)).not.toThrow();
  });

  it('acr_values: answers invalid_request beyond 2000 characters', async () => {
    const { ctx } = backchannelContext(directory, { params: { acr_values: 'a'.repeat(2001) } });
    await expectOAuthError(() => checkAcrValues(ctx), 'invalid_request', 'acr_values must be at most 2000 characters');
  });
});
