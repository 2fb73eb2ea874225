/** What the cache says of a poll: the answer, or `null` to ask the database. */
export type CachedPoll = { outcome: 'pending' | 'slow_down'; interval: number } | null;

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
  /** Marks the request decided: from now on its polls go to the database. Call before committing. */
  markDecided(requestId: string): Promise<void>;
}
