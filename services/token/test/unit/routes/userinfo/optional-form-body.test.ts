import { optionalFormBody } from '../../../../src/routes/userinfo/optional-form-body.ts';
import { runStep } from '../../../support/run-step.ts';

describe('optionalFormBody', () => {
  it('leaves an empty body when the request is not a form', async () => {
    const run = await runStep(optionalFormBody, { contentType: 'application/json', body: { access_token: 'ignored' } });
    expect(run.req.body).toEqual({});
    expect(run.nextCalled).toBe(true);
  });
});
