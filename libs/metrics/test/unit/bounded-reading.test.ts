import { boundedReading } from '../../src/bounded-reading.ts';

describe('boundedReading', () => {
  it('answers what the reading answers', async () => {
    const read = boundedReading(async () => 42, 1000);
    await expect(read()).resolves.toBe(42);
  });

  it('gives up on a reading that does not answer in time, and sends no second one while it is still out', async () => {
    let calls = 0;
    let answer: (value: number) => void = () => undefined;
    const read = boundedReading(
      () =>
        new Promise<number>((resolve) => {
          calls += 1;
          answer = resolve;
        }),
      20,
    );
    await expect(read()).rejects.toThrow('no answer within 20 ms');
    await expect(read()).rejects.toThrow('no answer within 20 ms');
    expect(calls).toBe(1);
    answer(7);
    await new Promise((r) => setImmediate(r));
    // The stalled reading answered at last: the next call reads again.
    await expect(read()).rejects.toThrow('no answer within 20 ms');
    expect(calls).toBe(2);
  });

  it('passes a failed reading on, and reads again next time', async () => {
    let calls = 0;
    const read = boundedReading(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection refused');
      return calls;
    }, 1000);
    await expect(read()).rejects.toThrow('connection refused');
    await expect(read()).resolves.toBe(2);
  });
});
