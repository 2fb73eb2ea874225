import { sendResponse } from '../../../../src/routes/backchannel-authentication/send-response.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('sendResponse', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  it('answers 200 with auth_req_id, expires_in and interval, not cacheable', () => {
    const { ctx, sent } = backchannelContext(directory, { result: { authReqId: 'id', expiresIn: 600, interval: 5 } });
    sendResponse(ctx);
    expect(sent).toEqual({
      statusCode: 200,
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': '50' },
      body: { auth_req_id: 'id', expires_in: 600, interval: 5 },
    });
  });

  it('omits interval when there is none (push mode)', () => {
    const { ctx, sent } = backchannelContext(directory, { result: { authReqId: 'id', expiresIn: 600 } });
    sendResponse(ctx);
    expect(sent.body).toEqual({ auth_req_id: 'id', expires_in: 600 });
  });

  it('is a pipeline bug (not a client error) without a result', () => {
    const { ctx } = backchannelContext(directory);
    expect(() => sendResponse(ctx)).toThrow('pipeline bug: result is not settled yet');
  });
});
