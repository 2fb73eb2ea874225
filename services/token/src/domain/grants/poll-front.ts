import type { PollGate } from './poll-bounds.ts';
import type { CachedPoll } from './poll-cache.ts';

/**
 * What the front of a poll says, before anything about the grant is read from the database: the
 * client's bounds refused it (`gate`), or they let it through (counted) and the poll cache answered
 * it or could not (`cached` null: ask the database); a cached `slow_down` was counted against the
 * client's penalty threshold (`penalty`: the penalty it started, seconds, or 0).
 */
export type PollFrontAnswer = { gate: Exclude<PollGate, { outcome: 'ok' }> } | { gate: { outcome: 'ok' }; cached: CachedPoll; penalty: number };

/**
 * The client's poll bounds (`PollBounds.gate`), the poll cache (`PollCache.poll`) and the count of a
 * cached `slow_down` (`PollBounds.slowedDown`) as one step, so a poll the cache answers costs one
 * round trip to the store instead of three. Throws when the store cannot tell: the caller lets the
 * poll through to the database, as each of the three would.
 */
export interface PollFront {
  poll(clientId: string, authReqIdHash: string, now: Date): Promise<PollFrontAnswer>;
}
