import { ReorderBuffer } from '../../../src/lifecycle/reorder-buffer.ts';

describe('ReorderBuffer', () => {
  let now = 0;
  const clock = () => now;
  afterEach(() => jest.useRealTimers());

  it('releases held items in the order of their own time once held long enough', () => {
    jest.useFakeTimers();
    const out: number[] = [];
    const buffer = new ReorderBuffer<number>(500, (t) => t, (t) => out.push(t), clock);
    now = 0;
    buffer.push(30);
    now = 100;
    buffer.push(10);
    buffer.push(20);
    buffer.flush(false);
    expect(out).toEqual([]);
    now = 500;
    buffer.flush(false); // 30 is due; 10 and 20 happened before it, so they go first
    expect(out).toEqual([10, 20, 30]);
    buffer.close();
  });

  it('keeps a later item held until it is due, and close() releases everything', () => {
    jest.useFakeTimers();
    const out: number[] = [];
    const buffer = new ReorderBuffer<number>(500, (t) => t, (t) => out.push(t), clock);
    now = 0;
    buffer.push(10);
    now = 400;
    buffer.push(50);
    now = 500;
    buffer.flush(false);
    expect(out).toEqual([10]);
    buffer.close();
    expect(out).toEqual([10, 50]);
  });

  it('passes items straight through with no hold', () => {
    const out: number[] = [];
    const buffer = new ReorderBuffer<number>(0, (t) => t, (t) => out.push(t));
    buffer.push(2);
    buffer.push(1);
    expect(out).toEqual([2, 1]);
  });
});
