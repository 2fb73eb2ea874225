import type { ClientView, UserView } from '@ciba/contracts';
import { OAuthError } from '@ciba/contracts/oauth-errors';
import type { Prompt, PromptLimits, PromptReservation } from '../../../../src/domain/prompt-limits.ts';
import { checkPromptLimits } from '../../../../src/routes/backchannel-authentication/check-prompt-limits.ts';
import { backchannelContext } from '../../../support/backchannel-context.ts';
import { expectOAuthError } from '../../../support/expect-oauth-error.ts';
import { createTestDirectory, type TestDirectory } from '../../../support/test-directory.ts';

/** Prompt limits that answer what the test says and remember what they were asked. */
function scriptedLimits(answer: () => Promise<PromptReservation>): PromptLimits & { asked: Prompt[] } {
  const asked: Prompt[] = [];
  return {
    asked,
    async reserve(prompt) {
      asked.push(prompt);
      return answer();
    },
    async settled() {},
  };
}

describe('checkPromptLimits', () => {
  let directory: TestDirectory;
  let client: ClientView;
  let user: UserView;
  beforeAll(async () => {
    directory = await createTestDirectory();
    client = directory.addClient('rp').view;
    user = directory.addUser('alice').view;
  });

  const run = async (limits: PromptLimits) => {
    const { ctx } = backchannelContext(directory, { client, user, requestId: '5d0f8a0e-2b9c-4f4e-9a51-0c6f3e0b7a11', expiresIn: 120 }, { deps: { promptLimits: limits } });
    await checkPromptLimits(ctx);
    return ctx;
  };

  it('asks about this request, client, user and expiry; an accepted prompt is kept as the reservation', async () => {
    const release = async () => undefined;
    const limits = scriptedLimits(async () => ({ accepted: true, release }));
    const ctx = await run(limits);
    expect(limits.asked).toEqual([{ requestId: '5d0f8a0e-2b9c-4f4e-9a51-0c6f3e0b7a11', clientId: 'rp', sub: 'alice', expiresIn: 120 }]);
    expect(ctx.reservation?.release).toBe(release);
  });

  it.each([
    ['pending', 'a request of this client is already pending for this user'],
    ['user', 'too many authentication requests for this user, try again later'],
    ['client', 'too many authentication requests from this client, try again later'],
  ] as const)('refused by the %s limit: 403 access_denied with Retry-After', async (refusal, description) => {
    const limits = scriptedLimits(async () => ({ accepted: false, refusal, retryAfter: 42 }));
    await expectOAuthError(() => run(limits), 'access_denied', description, 403);
    const err = await run(limits).catch((e: OAuthError) => e);
    expect((err as OAuthError).headers).toEqual({ 'Retry-After': '42' });
  });

  it('limits that cannot answer: 503 temporarily_unavailable with its description sent and Retry-After (fail closed)', async () => {
    const limits = scriptedLimits(async () => {
      throw new Error('redis connection is reconnecting');
    });
    const err = (await run(limits).catch((e: unknown) => e)) as OAuthError;
    expect(err).toBeInstanceOf(OAuthError);
    expect({ status: err.status, headers: err.headers, body: err.toJSON() }).toEqual({
      status: 503,
      headers: { 'Retry-After': '5' },
      body: { error: 'temporarily_unavailable', error_description: 'the request cannot be checked against the prompt limits now, try again later' },
    });
  });
});
