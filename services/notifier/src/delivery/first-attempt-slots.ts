/** A bound on the first attempts one process makes at once, and a way to wait for them at shutdown. */
export interface FirstAttemptSlots {
  /** Takes a slot: false when all are taken (the notification then goes to the queue). */
  take(): boolean;
  /** Gives back a slot taken for nothing. */
  give(): void;
  /** Runs `task` in a slot taken before; the slot is given back when it settles. */
  run(task: () => Promise<void>): void;
  /** Resolves once every task running has settled. */
  drain(): Promise<void>;
}

/** `limit` slots (`NOTIFY_FIRST_ATTEMPTS_IN_FLIGHT`); 0 takes none. */
export function firstAttemptSlots(limit: number): FirstAttemptSlots {
  let taken = 0;
  const running = new Set<Promise<void>>();
  const give = () => void (taken -= 1);
  return {
    take: () => taken < limit && ++taken > 0,
    give,
    run(task) {
      const settled: Promise<void> = task()
        .catch(() => undefined)
        .finally(() => {
          give();
          running.delete(settled);
        });
      running.add(settled);
    },
    async drain() {
      await Promise.allSettled([...running]);
    },
  };
}
