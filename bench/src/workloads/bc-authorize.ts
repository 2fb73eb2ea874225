import { autocannonLoad } from '../drivers/autocannon-load.ts';
import { oauthErrorKind } from '../drivers/oauth-error-kind.ts';
import type { LoadResult } from '../drivers/load-result.ts';
import { randomLoginHint } from '../systems/bench-users.ts';
import type { SystemUnderTest } from '../systems/system-under-test.ts';
import { BENCH_SCOPE, type BenchContext } from './bench-context.ts';

let sequence = 0;

/**
 * bc-authorize: backchannel authentication requests of a poll client for random users, at fixed
 * concurrency. OK = 200 with an auth_req_id. The device takes each prompt but does not decide.
 */
export function bcAuthorizeLoad(sut: SystemUnderTest, ctx: BenchContext, duration: number, connections = ctx.options.concurrency): Promise<LoadResult> {
  return autocannonLoad({
    url: sut.bcAuthorizeUrl,
    connections,
    duration,
    headers: { authorization: sut.clients.poll!.authorization },
    nextBody: () => new URLSearchParams({ scope: BENCH_SCOPE, login_hint: randomLoginHint(ctx.users), binding_message: `B${sequence++}` }).toString(),
    classify: (status, body) => (status === 200 && body.includes('"auth_req_id"') ? undefined : oauthErrorKind(status, body)),
  });
}
