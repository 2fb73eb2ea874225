import { OAuthError } from '@ciba/contracts/oauth-errors';
import { createLogger } from '@ciba/service-kit';
import type { ClientView } from '@ciba/contracts';
import type { TokenContext } from '../../../../../../src/context.ts';
import type { PollBounds, PollGate } from '../../../../../../src/domain/grants/poll-bounds.ts';
import { checkPollBounds } from '../../../../../../src/routes/token/grants/ciba/check-poll-bounds.ts';

const client = { client_id: 'rp-1' } as ClientView;
const ctxWith = (gate: PollGate | Error) => {
  const asked: string[] = [];
  const pollBounds: PollBounds = {
    async gate(clientId) {
      asked.push(clientId);
      if (gate instanceof Error) throw gate;
      return gate;
    },
    slowedDown: async () => 0,
  };
  return { ctx: { pollBounds, logger: createLogger('token-test', 'silent') } as unknown as TokenContext, asked };
};
async function refusal(gate: PollGate): Promise<OAuthError> {
  const err = await checkPollBounds(ctxWith(gate).ctx, client).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(OAuthError);
  return err as OAuthError;
}

describe('checkPollBounds', () => {
  it('lets the poll through when the client is within its bounds (asked per client)', async () => {
    const { ctx, asked } = ctxWith({ outcome: 'ok' });
    await expect(checkPollBounds(ctx, client)).resolves.toBeUndefined();
    expect(asked).toEqual(['rp-1']);
  });

  it('over the rate: 400 slow_down with Retry-After (CIBA Core §11)', async () => {
    const err = await refusal({ outcome: 'slow_down', retryAfter: 4 });
    expect({ status: err.status, error: err.error, description: err.message, headers: err.headers }).toEqual({
      status: 400,
      error: 'slow_down',
      description: 'too many polls from this client, slow down; retry in at least 4 seconds',
      headers: { 'Retry-After': '4' },
    });
  });

  it('on penalty: 429 (RFC 6585) with the slow_down code and Retry-After', async () => {
    const err = await refusal({ outcome: 'penalty', retryAfter: 40 });
    expect({ status: err.status, error: err.error, description: err.message, headers: err.headers }).toEqual({
      status: 429,
      error: 'slow_down',
      description: 'polling too fast after repeated slow_down, retry in at least 40 seconds',
      headers: { 'Retry-After': '40' },
    });
  });

  it('Redis cannot tell: the poll goes through (fails open)', async () => {
    await expect(checkPollBounds(ctxWith(new Error('redis connection is reconnecting')).ctx, client)).resolves.toBeUndefined();
  });
});
