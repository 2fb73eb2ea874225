/** A background task run periodically. */
export interface Periodic {
  /** Stops scheduling and waits for the run in hand, at most `graceMs`. */
  stop(): Promise<void>;
}

export interface RunEveryOptions {
  /** Pause after each run (runs never overlap), milliseconds. */
  intervalMs: number;
  /** One run; a rejection is reported to `onError` and the next run comes as usual. */
  task(): Promise<void>;
  onError(err: unknown): void;
  /** Bound on how long `stop()` waits for a run stuck on a dead connection. @defaultValue 5000 */
  graceMs?: number;
}

/** Runs `task` now and then again `intervalMs` after each run ends, until stopped. */
export function runEvery(options: RunEveryOptions): Periodic {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await options.task();
      } catch (err) {
        options.onError(err);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, options.intervalMs);
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise<void>((resolve) => (grace = setTimeout(resolve, options.graceMs ?? 5000)))]);
      clearTimeout(grace);
    },
  };
}
