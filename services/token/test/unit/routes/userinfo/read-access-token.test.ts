import { readAccessToken } from '../../../../src/routes/userinfo/read-access-token.ts';
import { runStep } from '../../../support/run-step.ts';

describe('readAccessToken', () => {
  it('takes the Bearer token of the header, or the form body access_token', async () => {
    expect((await runStep(readAccessToken, { headers: { authorization: 'Bearer abc.def' } })).res.locals.accessToken).toBe('abc.def');
    expect((await runStep(readAccessToken, { body: { access_token: 'xyz' } })).res.locals.accessToken).toBe('xyz');
  });

  it('both ways at once → invalid_request', async () => {
    await expect(runStep(readAccessToken, { headers: { authorization: 'Bearer a' }, body: { access_token: 'a' } })).rejects.toMatchObject({
      error: 'invalid_request',
      message: 'the access token must be sent in one way only',
    });
  });

  it('no token → invalid_token 401 with the bare challenge', async () => {
    await expect(runStep(readAccessToken, {})).rejects.toMatchObject({
      error: 'invalid_token',
      message: 'missing access token',
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="ciba"' },
    });
  });

  it('another scheme → invalid_token', async () => {
    await expect(runStep(readAccessToken, { headers: { authorization: 'Basic abc' } })).rejects.toMatchObject({
      error: 'invalid_token',
      message: 'authorization header must use the Bearer scheme',
      status: 401,
    });
  });
});
