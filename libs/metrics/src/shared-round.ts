/**
 * `run`, shared by the callers that come while it runs: several gauges filled from one reading (an
 * outbox's backlog and its oldest row's age) each call it from their `collect`, which one scrape runs
 * together, and get one round of readings.
 */
export function sharedRound<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  return () =>
    (current ??= run().finally(() => {
      current = undefined;
    }));
}
