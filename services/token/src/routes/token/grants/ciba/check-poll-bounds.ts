import type { ClientView } from '@ciba/contracts';
import { SlowDown, type OAuthError } from '@ciba/contracts/oauth-errors';
import type { TokenContext } from '../../../../context.ts';
import type { PollGate } from '../../../../domain/grants/poll-bounds.ts';

/**
 * The client's bounds, before anything about the auth_req_id is looked up (no database round trip):
 * over its polling rate (all its requests together) → 400 `slow_down` (CIBA Core §11); on penalty for
 * ignoring `slow_down` → 429 (RFC 6585) with the same `slow_down` code, so an OAuth client still
 * reads "keep polling, slower" and HTTP tooling sees a rate limit. Both carry `Retry-After`. A Redis
 * that cannot tell lets the poll through: the bounds protect capacity, and the database still
 * answers each request's own `slow_down`.
 */
export async function checkPollBounds(ctx: TokenContext, client: ClientView): Promise<void> {
  let gate;
  try {
    gate = await ctx.pollBounds.gate(client.client_id);
  } catch (err) {
    ctx.logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'poll bounds unavailable; poll let through');
    return;
  }
  if (gate.outcome === 'ok') return;
  throw gateRefusal(ctx, client, gate);
}

/** The answer to a poll the client's bounds refused: 400 `slow_down` over the rate, 429 on penalty; both with `Retry-After`. */
export function gateRefusal(ctx: TokenContext, client: ClientView, gate: Exclude<PollGate, { outcome: 'ok' }>): OAuthError {
  const headers = { 'Retry-After': String(gate.retryAfter) };
  if (gate.outcome === 'slow_down') {
    return new SlowDown(`too many polls from this client, slow down; retry in at least ${gate.retryAfter} seconds`, { headers });
  }
  ctx.logger.debug({ client_id: client.client_id, retry_after: gate.retryAfter }, 'poll refused: client on a polling penalty');
  return new SlowDown(`polling too fast after repeated slow_down, retry in at least ${gate.retryAfter} seconds`, { status: 429, headers });
}
