import type { ClientView } from '@ciba/contracts';
import { checkClientGrant } from '../../../../src/routes/token/check-client-grant.ts';
import { cibaGrant } from '../../../../src/routes/token/grants/ciba.ts';
import { runStep } from '../../../support/run-step.ts';

const client = (grantTypes: string[]) => ({ client_id: 'rp-1', grant_types: grantTypes }) as ClientView;

describe('checkClientGrant', () => {
  it('passes a client registered for the grant', async () => {
    expect((await runStep(checkClientGrant, {}, { client: client(['urn:openid:params:grant-type:ciba']), grant: cibaGrant })).nextCalled).toBe(true);
  });

  it('client not registered for grant_type → unauthorized_client', async () => {
    await expect(runStep(checkClientGrant, {}, { client: client(['refresh_token']), grant: cibaGrant })).rejects.toMatchObject({
      error: 'unauthorized_client',
      message: 'the client is not registered for grant_type urn:openid:params:grant-type:ciba',
      status: 400,
    });
  });
});
