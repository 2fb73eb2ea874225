export interface CoalescingBatcherOptions<I, O> {
  /** Runs one batch as one statement; answers one result per item, in the items' order. */
  run(items: I[]): Promise<O[]>;
  /** Items per batch at most (default 64). */
  maxBatch?: number;
  /** Batches running at once (default 1). While they run, new items wait and form the next batch. */
  maxInFlight?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(result: O): void;
  reject(err: unknown): void;
}

/**
 * Group commit for one statement: the items submitted while the event loop turns (and while earlier
 * batches are still running) go to the database together, as one multi-row statement, one round trip
 * and one commit instead of one each. An idle service pays one `setImmediate` of latency; a busy one
 * gets larger batches the longer a batch takes, so the cost per item falls as the load grows.
 *
 * A batch that fails is run again item by item, so one bad item (a constraint it breaks) fails alone
 * and the others are unaffected; a statement is atomic, so the failed batch left nothing behind.
 * DataLoader batches per tick only and caches by key; this also waits for batches in flight.
 */
export function coalescingBatcher<I, O>(options: CoalescingBatcherOptions<I, O>): (item: I) => Promise<O> {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 1;
  const waiting: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || waiting.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  function flush(): void {
    scheduled = false;
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.splice(0, maxBatch);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        schedule();
      });
    }
  }

  async function runBatch(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await options.run(batch.map((w) => w.item));
      if (results.length !== batch.length) throw new Error(`batch of ${batch.length} answered ${results.length} results`);
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      await Promise.all(batch.map((w) => runBatch([w])));
    }
  }

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}
