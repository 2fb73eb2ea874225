import { requireToken } from '../../../../src/routes/introspect/require-token.ts';
import { runStep } from '../../../support/run-step.ts';

describe('requireToken', () => {
  it('puts token and token_type_hint on res.locals.tokenRequest', async () => {
    const run = await runStep(requireToken, { body: { token: 't', token_type_hint: 'refresh_token', client_id: 'rp-1' } });
    expect(run.res.locals.tokenRequest).toEqual({ token: 't', token_type_hint: 'refresh_token' });
  });

  it('token missing or empty → invalid_request', async () => {
    for (const body of [{}, { token: '' }]) {
      await expect(runStep(requireToken, { body })).rejects.toMatchObject({ error: 'invalid_request', message: 'missing required parameter token' });
    }
  });
});
