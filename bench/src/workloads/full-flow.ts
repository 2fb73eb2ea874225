import { randomBytes } from 'node:crypto';
import type { Agent } from 'undici';
import type { DeliveryMode } from '../args.ts';
import { closedLoop } from '../drivers/closed-loop.ts';
import { createAgent, postForm } from '../drivers/http-client.ts';
import type { LoadResult } from '../drivers/load-result.ts';
import { randomLoginHint } from '../systems/bench-users.ts';
import type { BenchClient, SystemUnderTest } from '../systems/system-under-test.ts';
import { BENCH_SCOPE, CIBA_GRANT, type BenchContext } from './bench-context.ts';

const FLOW_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 10_000;
/** Pause between token requests once the device has decided but the grant is not redeemable yet. */
const RETRY_MS = 10;
let flowSequence = 0;

/** Redeems a decided request: token requests until tokens (pending/slow_down mean the decision has not arrived). */
async function redeem(agent: Agent, sut: SystemUnderTest, client: BenchClient, authReqId: string, counter: { tokenRequests: number }): Promise<void> {
  const deadline = Date.now() + FLOW_TIMEOUT_MS;
  for (;;) {
    counter.tokenRequests++;
    const answer = await postForm(agent, sut.tokenUrl, client.authorization, { grant_type: CIBA_GRANT, auth_req_id: authReqId });
    if (answer.status === 200) {
      if (typeof answer.body.access_token !== 'string' || typeof answer.body.id_token !== 'string') throw new Error('token answer without access_token or id_token');
      return;
    }
    const error = String(answer.body.error);
    if (answer.status !== 400 || (error !== 'authorization_pending' && error !== 'slow_down')) throw new Error(`token ${answer.status} ${error}`);
    if (Date.now() > deadline) throw new Error('still pending after 30 s');
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

/** One flow of `mode` (request → approval → tokens), as the operation of a virtual user. */
function flowOperation(sut: SystemUnderTest, ctx: BenchContext, mode: DeliveryMode, agent: Agent, counter: { tokenRequests: number }, timeoutMs: number) {
  const client = sut.clients[mode]!;
  return async () => {
    const tag = `F${flowSequence++}`;
    const notificationToken = randomBytes(16).toString('base64url');
    const approved = mode === 'poll' ? ctx.device.whenApproved(tag, timeoutMs) : undefined;
    const started = await postForm(agent, sut.bcAuthorizeUrl, client.authorization, {
      scope: BENCH_SCOPE,
      login_hint: randomLoginHint(ctx.users),
      binding_message: tag,
      ...(mode === 'poll' ? {} : { client_notification_token: notificationToken }),
    }).catch((err: Error) => ({ status: 0, body: { error: err.message } as Record<string, unknown> }));
    if (started.status !== 200 || typeof started.body.auth_req_id !== 'string') {
      ctx.device.forget(tag);
      throw new Error(`bc-authorize ${started.status} ${String(started.body.error)}`);
    }
    const authReqId = started.body.auth_req_id;
    if (mode === 'poll') {
      await approved;
      return redeem(agent, sut, client, authReqId, counter);
    }
    const notification = await ctx.notifications.next(authReqId, notificationToken, timeoutMs);
    if (mode === 'ping') return redeem(agent, sut, client, authReqId, counter);
    if (typeof notification.access_token !== 'string' || typeof notification.id_token !== 'string') throw new Error(`push without tokens: ${String(notification.error)}`);
  };
}

/** One flow in `mode` with a short timeout: the reason it failed, or undefined when it worked. */
export async function probeFlow(sut: SystemUnderTest, ctx: BenchContext, mode: DeliveryMode): Promise<string | undefined> {
  const agent = createAgent(2);
  ctx.device.mode = 'approve';
  try {
    await flowOperation(sut, ctx, mode, agent, { tokenRequests: 0 }, PROBE_TIMEOUT_MS)();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    ctx.device.mode = 'hold';
    await agent.close();
  }
}

/**
 * full-flow in `mode`: each virtual user runs request → automatic approval by the device simulator →
 * tokens, then the next flow. Poll: the client polls as soon as the device has approved (it learns so
 * in-process), then every 10 ms until the tokens come. Ping: it polls when the ping arrives. Push: the
 * tokens arrive at its notification endpoint.
 */
export async function fullFlowLoad(sut: SystemUnderTest, ctx: BenchContext, mode: DeliveryMode, duration: number, virtualUsers = ctx.options.concurrency): Promise<LoadResult & { extra: Record<string, number> }> {
  const agent = createAgent(virtualUsers * 2);
  const counter = { tokenRequests: 0 };
  const flow = flowOperation(sut, ctx, mode, agent, counter, FLOW_TIMEOUT_MS);
  ctx.device.mode = 'approve';
  try {
    const result = await closedLoop({ virtualUsers, duration, operation: flow });
    return { ...result, extra: { tokenRequestsPerFlow: result.ok ? counter.tokenRequests / result.ok : Number.NaN } };
  } finally {
    ctx.device.mode = 'hold';
    await agent.close();
  }
}
