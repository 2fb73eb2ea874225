/** How long a scrape waits for one scrape-time reading (a query, a broker request) before giving up on it. */
export const COLLECT_TIMEOUT_MS = 2000;

/**
 * `read`, bounded: a call rejects after `timeoutMs` if the reading has not answered, and while one
 * reading is still out (a stalled database) later calls wait for that one instead of sending another,
 * so scrapes never pile queries up behind a stall.
 */
export function boundedReading<T>(read: () => Promise<T>, timeoutMs = COLLECT_TIMEOUT_MS): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    const reading = (inFlight ??= Promise.resolve()
      .then(read)
      .finally(() => {
        inFlight = undefined;
      }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
    });
    return Promise.race([reading, timeout]).finally(() => clearTimeout(timer));
  };
}
