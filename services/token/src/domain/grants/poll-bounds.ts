/**
 * What the per-client poll bound says of one CIBA token request: go on, `slow_down` (the client's
 * polls together are over its rate), or `penalty` (it kept ignoring `slow_down`: every poll is
 * refused until the penalty ends). `retryAfter` in seconds.
 */
export type PollGate = { outcome: 'ok' } | { outcome: 'slow_down' | 'penalty'; retryAfter: number };

/**
 * Per-client bounds on CIBA polling, shared by every replica (CIBA Core §11 `slow_down`; RFC 6585 429):
 * the rate of a client's polls over all its auth_req_ids, and how often it is told `slow_down`
 * before it is put on a penalty that doubles each time. Implementations throw when they cannot tell
 * (store unreachable); the caller lets the poll through (they protect capacity, not a user).
 */
export interface PollBounds {
  /** Checks the client's penalty and rate and, if neither refuses, counts the poll; no database round trip. */
  gate(clientId: string): Promise<PollGate>;
  /** The client was answered `slow_down` for one of its requests: counts against its penalty threshold; returns the penalty it started, seconds (0: none). */
  slowedDown(clientId: string): Promise<number>;
}

/** Off (`TOKEN_POLL_CLIENT_LIMIT=0` and `TOKEN_POLL_STRIKES=0`). */
export const noPollBounds: PollBounds = {
  gate: async () => ({ outcome: 'ok' }),
  slowedDown: async () => 0,
};
