/** What the cache says of a poll: the answer, or `null` to ask the database. */
export type CachedPoll = { outcome: 'pending' | 'slow_down'; interval: number } | null;

/** The answer to a poll of a pending grant: too soon (`slow_down`) or not, and the interval now in force. */
export interface PollPace {
  slowDown: boolean;
  /** Seconds. */
  interval: number;
}

/** A pending grant as the cache keeps it. */
export interface PendingGrantEntry {
  authReqIdHash: string;
  requestId: string;
  clientId: string;
  /** Polling interval in force, seconds. */
  interval: number;
  expiresAt: Date;
  /** The last poll the database recorded, if any. */
  lastPolledAt?: Date | null;
}

/**
 * Poll bookkeeping of pending CIBA grants off the database (the "polls should not cost a
 * database round trip each"). The cache can only ever answer "pending" (or `slow_down`), and only
 * for a grant that has no decision mark: a decision marks its request *before* it commits, and the
 * mark blocks the cached answers and any later write of an entry. So a poll answered here is never
 * staler than the database. What the cache cannot answer (a miss, another client, a mark, expiry)
 * goes to the database, which writes the entry again while the grant is pending.
 */
export interface PollCache {
  /** Records a poll of a cached pending grant by `clientId` at `now`; `null`: ask the database. */
  poll(authReqIdHash: string, clientId: string, now: Date): Promise<CachedPoll>;
  /** Remembers a grant read or written as pending; a no-op when it has an entry or a decision mark. */
  rememberPending(entry: PendingGrantEntry, now: Date): Promise<void>;
  /**
   * A poll the database answered (`db`: from its own record of the grant's last poll and interval):
   * merged with the grant's pace as every replica's cached polls kept it (the interval grown by each
   * `slow_down`, the last poll), so the answer and the interval do not fall back when the cache entry
   * lapses; then remembered as `rememberPending` does. Returns the merged answer; `null` when the
   * cache cannot tell (the database's answer stands).
   */
  recordPoll(entry: PendingGrantEntry, now: Date, db: PollPace): Promise<PollPace | null>;
  /** Marks the request decided: from now on its polls go to the database. Call before committing. */
  markDecided(requestId: string): Promise<void>;
}
