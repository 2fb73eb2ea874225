import type { ShedDecision, ShedReason } from '../../../../src/domain/load-shedding/shed-decision.ts';
import { checkLoad } from '../../../../src/routes/backchannel-authentication/check-load.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

describe('checkLoad', () => {
  let directory: TestDirectory;
  beforeAll(async () => {
    directory = await createTestDirectory();
  });

  function run(decision: ShedDecision) {
    const asked: number[] = [];
    const shed: ShedReason[] = [];
    const loadShedder = { decide: (expiresIn: number) => (asked.push(expiresIn), decision), shed: (reason: ShedReason) => void shed.push(reason) };
    const { ctx } = backchannelContext(directory, { expiresIn: 42 }, { deps: { loadShedder } });
    return { ctx, asked, shed };
  }

  it('passes when the shedder accepts a request of this lifetime', async () => {
    const { ctx, asked, shed } = run({ shed: false });
    await expect(Promise.resolve(checkLoad(ctx))).resolves.toBeUndefined();
    expect(asked).toEqual([42]);
    expect(shed).toEqual([]);
  });

  it('shed: 503 temporarily_unavailable with Retry-After, counted with its reason', async () => {
    const { ctx, shed } = run({ shed: true, reason: 'consumer_lag', retryAfter: 7 });
    let headers: Record<string, string> | undefined;
    await expectOAuthError(
      () => {
        try {
          checkLoad(ctx);
        } catch (err) {
          headers = (err as { headers?: Record<string, string> }).headers;
          throw err;
        }
      },
      'temporarily_unavailable',
      'the server cannot take more authentication requests now, try again later',
      503,
    );
    expect(headers).toEqual({ 'Retry-After': '7' });
    expect(shed).toEqual(['consumer_lag']);
  });
});
