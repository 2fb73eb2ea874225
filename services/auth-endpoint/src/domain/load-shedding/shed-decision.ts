import type { PipelineState } from './pipeline-state.ts';

/** Why a request was shed: the outbox is not getting out (relay or bus), or the dispatcher is behind. */
export type ShedReason = 'outbox' | 'consumer_lag';

export type ShedDecision = { shed: false } | { shed: true; reason: ShedReason; /** Seconds. */ retryAfter: number };

export interface ShedPolicy {
  /** Longest estimated wait before the dispatcher takes a new request up, seconds (`BC_SHED_MAX_WAIT_S`). */
  maxWaitS: number;
  /** Backlog at or below which nothing is shed (`BC_SHED_MIN_BACKLOG`). */
  minBacklog: number;
  /** A state older than this (ms) is not trusted: nothing is shed on it. */
  staleAfterMs: number;
}

const ACCEPT: ShedDecision = { shed: false };

/**
 * Whether to refuse a request that would expire in `expiresIn` seconds, from the pipeline's latest
 * state. A new request waits behind the backlog: about `backlog / drain rate` seconds (unbounded
 * when the pipeline has work and drains nothing), and at least as long as the oldest unpublished
 * outbox row has. It is shed when that wait exceeds `maxWaitS`, or half its own lifetime (the user
 * needs the other half to answer). `Retry-After` is the time the backlog needs to drain back to an
 * acceptable wait, between 1 s and `maxWaitS`. No state, or a stale one: accept (fail open).
 */
export function shedDecision(state: PipelineState | undefined, expiresIn: number, policy: ShedPolicy, now: number): ShedDecision {
  if (!state || now - state.at > policy.staleAfterMs) return ACCEPT;
  const bound = Math.min(policy.maxWaitS, expiresIn / 2);
  const drain = state.drainPerS;
  if (state.oldestAgeS > bound) {
    return { shed: true, reason: 'outbox', retryAfter: clamp(state.oldestAgeS - bound, policy.maxWaitS) };
  }
  if (state.backlog <= policy.minBacklog) return ACCEPT;
  // Not measured yet: a backlog above the floor with no evidence of draining is not trusted either.
  const wait = drain === undefined || drain <= 0 ? Infinity : state.backlog / drain;
  if (wait <= bound) return ACCEPT;
  const reason = state.unpublished * 2 > state.backlog ? 'outbox' : 'consumer_lag';
  return { shed: true, reason, retryAfter: clamp(wait - bound, policy.maxWaitS) };
}

function clamp(seconds: number, max: number): number {
  return Math.max(1, Math.min(Math.max(1, max), Math.ceil(seconds)));
}
