import { coalescingBatcher } from '../../../src/db/coalescing-batcher.ts';

/** A batch runner that records each batch and answers when `release()` is called. */
function heldRunner() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      pending.push(() => resolve(items.map((i) => `r${i}`)));
    });
  const release = () => pending.splice(0).forEach((go) => go());
  return { batches, run, release };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
async function turnsUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10 && !done(); i += 1) await turn();
  expect(done()).toBe(true);
}

describe('coalescingBatcher', () => {
  it('runs the items submitted in one turn as one batch and answers each its own result', async () => {
    const runner = heldRunner();
    const submit = coalescingBatcher({ run: runner.run });
    const answers = Promise.all([submit(1), submit(2), submit(3)]);
    await turn();
    runner.release();
    await expect(answers).resolves.toEqual(['r1', 'r2', 'r3']);
    expect(runner.batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives while a batch runs into the next batch', async () => {
    const runner = heldRunner();
    const submit = coalescingBatcher({ run: runner.run });
    const first = submit(1);
    await turn();
    const later = [submit(2), submit(3)];
    await turn();
    expect(runner.batches).toEqual([[1]]);
    runner.release();
    await first;
    await turnsUntil(() => runner.batches.length === 2);
    runner.release();
    await expect(Promise.all(later)).resolves.toEqual(['r2', 'r3']);
    expect(runner.batches).toEqual([[1], [2, 3]]);
  });

  it('runs up to maxInFlight batches at once and cuts batches at maxBatch', async () => {
    const runner = heldRunner();
    const submit = coalescingBatcher({ run: runner.run, maxBatch: 2, maxInFlight: 2 });
    const answers = Promise.all([1, 2, 3, 4, 5].map((i) => submit(i)));
    await turn();
    expect(runner.batches).toEqual([[1, 2], [3, 4]]);
    runner.release();
    await turnsUntil(() => runner.batches.length === 3);
    expect(runner.batches).toEqual([[1, 2], [3, 4], [5]]);
    runner.release();
    await expect(answers).resolves.toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('runs a failed batch again item by item, so only the bad item fails', async () => {
    const batches: number[][] = [];
    const submit = coalescingBatcher<number, number>({
      run: async (items) => {
        batches.push(items);
        if (items.includes(2)) throw new Error('constraint broken by 2');
        return items.map((i) => i * 10);
      },
    });
    const results = await Promise.allSettled([submit(1), submit(2), submit(3)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('constraint broken by 2') },
      { status: 'fulfilled', value: 30 },
    ]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('rejects items whose batch answered the wrong number of results', async () => {
    const submit = coalescingBatcher<number, number>({ run: async () => [] });
    await expect(submit(1)).rejects.toThrow('batch of 1 answered 0 results');
  });
});
