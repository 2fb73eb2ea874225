import { loadGrantType } from '../../../../src/routes/token/load-grant-type.ts';
import { cibaGrant } from '../../../../src/routes/token/grants/ciba.ts';
import { refreshTokenGrant } from '../../../../src/routes/token/grants/refresh-token.ts';
import { runStep } from '../../../support/run-step.ts';

describe('loadGrantType', () => {
  it('puts the grant module of grant_type on res.locals.grant', async () => {
    const ciba = await runStep(loadGrantType, { body: { grant_type: 'urn:openid:params:grant-type:ciba' } });
    expect(ciba.res.locals.grant).toBe(cibaGrant);
    expect(ciba.nextCalled).toBe(true);
    expect((await runStep(loadGrantType, { body: { grant_type: 'refresh_token' } })).res.locals.grant).toBe(refreshTokenGrant);
  });

  it('grant_type missing or empty → invalid_request', async () => {
    for (const body of [{}, { grant_type: '' }]) {
      await expect(runStep(loadGrantType, { body })).rejects.toMatchObject({ error: 'invalid_request', message: 'missing required parameter grant_type' });
    }
  });

  it('grant_type unknown → unsupported_grant_type (also the CIBA draft urn:ietf one)', async () => {
    await expect(runStep(loadGrantType, { body: { grant_type: 'urn:ietf:params:oauth:grant-type:ciba' } })).rejects.toMatchObject({
      error: 'unsupported_grant_type',
      message: "unsupported grant_type 'urn:ietf:params:oauth:grant-type:ciba'",
    });
    await expect(runStep(loadGrantType, { body: { grant_type: 'authorization_code' } })).rejects.toMatchObject({
      error: 'unsupported_grant_type',
      message: "unsupported grant_type 'authorization_code'",
    });
  });
});
