import { runEvery } from '../../../../src/adapters/timer/run-every.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runEvery', () => {
  it('runs at once, then after each pause, never overlapping, until stopped', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const periodic = runEvery({
      intervalMs: 10,
      task: async () => {
        running += 1;
        overlapped ||= running > 1;
        runs += 1;
        await sleep(15);
        running -= 1;
      },
      onError: () => undefined,
    });
    await sleep(5);
    expect(runs).toBe(1);
    await sleep(120);
    await periodic.stop();
    const after = runs;
    await sleep(50);
    expect(runs).toBe(after);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(overlapped).toBe(false);
  });

  it('reports a failed run and carries on', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const periodic = runEvery({
      intervalMs: 5,
      task: async () => {
        runs += 1;
        if (runs === 1) throw new Error('boom');
      },
      onError: (err) => errors.push(err),
    });
    await sleep(40);
    await periodic.stop();
    expect(errors).toEqual([new Error('boom')]);
    expect(runs).toBeGreaterThan(1);
  });

  it('stop() waits for the run in hand, but not longer than graceMs', async () => {
    let finished = false;
    const slow = runEvery({ intervalMs: 1000, task: () => sleep(30).then(() => void (finished = true)), onError: () => undefined });
    await slow.stop();
    expect(finished).toBe(true);

    const stuck = runEvery({ intervalMs: 1000, task: () => new Promise<void>(() => undefined), onError: () => undefined, graceMs: 20 });
    const started = Date.now();
    await stuck.stop();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
