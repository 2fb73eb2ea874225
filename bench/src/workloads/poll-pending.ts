import { autocannonLoad } from '../drivers/autocannon-load.ts';
import { oauthErrorKind } from '../drivers/oauth-error-kind.ts';
import type { LoadResult } from '../drivers/load-result.ts';
import type { SystemUnderTest } from '../systems/system-under-test.ts';
import { CIBA_GRANT, type BenchContext } from './bench-context.ts';

const PENDING = /"error"\s*:\s*"(authorization_pending|slow_down)"/;

/**
 * poll-pending: token requests on pending auth_req_ids, round-robin over `ids`, at fixed concurrency.
 * OK = 400 authorization_pending or slow_down (both are right answers to a client polling too fast).
 */
export function pollPendingLoad(sut: SystemUnderTest, ctx: BenchContext, ids: string[], duration: number): Promise<LoadResult> {
  let next = 0;
  return autocannonLoad({
    url: sut.tokenUrl,
    connections: ctx.options.concurrency,
    duration,
    headers: { authorization: sut.clients.poll!.authorization },
    nextBody: () => new URLSearchParams({ grant_type: CIBA_GRANT, auth_req_id: ids[next++ % ids.length]! }).toString(),
    classify: (status, body) => (status === 400 && PENDING.test(body) ? undefined : oauthErrorKind(status, body)),
  });
}
