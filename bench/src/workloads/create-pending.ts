import { createAgent, postForm } from '../drivers/http-client.ts';
import { randomLoginHint } from '../systems/bench-users.ts';
import type { SystemUnderTest } from '../systems/system-under-test.ts';
import { BENCH_SCOPE, type BenchContext } from './bench-context.ts';

/** 503 answers (temporarily_unavailable) tolerated in one call before it gives up. */
const MAX_UNAVAILABLE = 1000;

/** Creates `count` pending requests (the device holds their prompts) and returns their auth_req_ids. */
export async function createPending(sut: SystemUnderTest, ctx: BenchContext, count: number): Promise<string[]> {
  const agent = createAgent(ctx.options.concurrency);
  const ids: string[] = [];
  let started = 0;
  let unavailable = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const answer = await postForm(agent, sut.bcAuthorizeUrl, sut.clients.poll!.authorization, {
        scope: BENCH_SCOPE,
        login_hint: randomLoginHint(ctx.users),
        binding_message: `P${started}`,
      });
      if (answer.status === 503 && ++unavailable <= MAX_UNAVAILABLE) {
        // A loaded machine: the server sheds or cannot reach its Redis in time; ask again shortly.
        started--;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (answer.status !== 200 || typeof answer.body.auth_req_id !== 'string') {
        throw new Error(`${sut.name}: bc-authorize answered ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      ids.push(answer.body.auth_req_id);
    }
  };
  try {
    await Promise.all(Array.from({ length: ctx.options.concurrency }, worker));
  } finally {
    await agent.close();
  }
  return ids;
}
