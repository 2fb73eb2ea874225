import { TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';
import { settled } from './settled.ts';

/**
 * Load shedding, once the request's lifetime is known and before the user is looked up or the user
 * code tried: when the prompt pipeline is too far behind to prompt this request in time, 503
 * `temporarily_unavailable` with `Retry-After` (RFC 6749 §5.2 / §4.1.2.1's code for an overloaded
 * server). Decided in memory from the shared backlog sample; no I/O here.
 */
export const checkLoad: BackchannelStep = (ctx) => {
  const decision = ctx.deps.loadShedder.decide(settled(ctx.expiresIn, 'expiresIn'));
  if (!decision.shed) return;
  ctx.deps.loadShedder.shed(decision.reason);
  throw new TemporarilyUnavailable('the server cannot take more authentication requests now, try again later', {
    headers: { 'Retry-After': String(decision.retryAfter) },
    expose: true,
  });
};
