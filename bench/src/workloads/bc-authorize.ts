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
 * `accepted` receives the binding message and send time (`performance.now()`) of each OK request.
 */
export function bcAuthorizeLoad(sut: SystemUnderTest, ctx: BenchContext, duration: number, connections = ctx.options.concurrency, accepted?: Map<string, number>): Promise<LoadResult> {
  return autocannonLoad({
    url: sut.bcAuthorizeUrl,
    connections,
    duration,
    headers: { authorization: sut.clients.poll!.authorization },
    nextBody: (context) => {
      context.tag = `B${sequence++}`;
      context.sentAt = performance.now();
      return new URLSearchParams({ scope: BENCH_SCOPE, login_hint: randomLoginHint(ctx.users), binding_message: context.tag as string }).toString();
    },
    classify: (status, body, context) => {
      if (!(status === 200 && body.includes('"auth_req_id"'))) return oauthErrorKind(status, body);
      accepted?.set(context.tag as string, context.sentAt as number);
      return undefined;
    },
  });
}
