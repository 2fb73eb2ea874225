import { checkOpenidScope } from '../../../../src/routes/userinfo/check-openid-scope.ts';
import { runStep } from '../../../support/run-step.ts';

describe('checkOpenidScope', () => {
  it('passes a token with openid', async () => {
    expect((await runStep(checkOpenidScope, {}, { claims: { scope: 'email openid' } })).nextCalled).toBe(true);
  });

  it('no openid → insufficient_scope 403 naming the scope', async () => {
    await expect(runStep(checkOpenidScope, {}, { claims: { scope: 'email' } })).rejects.toMatchObject({
      error: 'insufficient_scope',
      message: 'the access token lacks the openid scope',
      status: 403,
      headers: { 'WWW-Authenticate': 'Bearer realm="ciba", error="insufficient_scope", scope="openid"' },
    });
  });
});
