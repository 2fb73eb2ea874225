import { checkGrantParameters } from '../../../../src/routes/token/check-grant-parameters.ts';
import { cibaGrant } from '../../../../src/routes/token/grants/ciba.ts';
import { refreshTokenGrant } from '../../../../src/routes/token/grants/refresh-token.ts';
import { runStep } from '../../../support/run-step.ts';

const CIBA = 'urn:openid:params:grant-type:ciba';

describe('checkGrantParameters', () => {
  it('puts the grant’s parameters on res.locals.params, dropping the others', async () => {
    const run = await runStep(checkGrantParameters, { body: { grant_type: CIBA, auth_req_id: 'abc', client_id: 'rp-1' } }, { grant: cibaGrant });
    expect(run.res.locals.params).toEqual({ grant_type: CIBA, auth_req_id: 'abc' });
    const refresh = await runStep(checkGrantParameters, { body: { grant_type: 'refresh_token', refresh_token: 'r', scope: 'openid' } }, { grant: refreshTokenGrant });
    expect(refresh.res.locals.params).toEqual({ grant_type: 'refresh_token', refresh_token: 'r', scope: 'openid' });
  });

  it('auth_req_id missing or empty → invalid_request', async () => {
    for (const body of [{ grant_type: CIBA }, { grant_type: CIBA, auth_req_id: '' }]) {
      await expect(runStep(checkGrantParameters, { body }, { grant: cibaGrant })).rejects.toMatchObject({ error: 'invalid_request', message: 'missing required parameter auth_req_id' });
    }
  });

  it('auth_req_id too long → invalid_request', async () => {
    await expect(runStep(checkGrantParameters, { body: { grant_type: CIBA, auth_req_id: 'x'.repeat(3000) } }, { grant: cibaGrant })).rejects.toMatchObject({
      error: 'invalid_request',
      message: 'invalid parameter auth_req_id',
    });
  });

  it('refresh_token missing → invalid_request; empty scope → invalid_request', async () => {
    await expect(runStep(checkGrantParameters, { body: { grant_type: 'refresh_token' } }, { grant: refreshTokenGrant })).rejects.toMatchObject({
      error: 'invalid_request',
      message: 'missing required parameter refresh_token',
    });
    await expect(runStep(checkGrantParameters, { body: { grant_type: 'refresh_token', refresh_token: 'r', scope: '' } }, { grant: refreshTokenGrant })).rejects.toMatchObject({
      error: 'invalid_request',
      message: 'missing required parameter scope',
    });
  });
});
