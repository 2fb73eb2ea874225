import { parseStatTicks, treePids } from '../../src/cpu.ts';

describe('parseStatTicks', () => {
  it('reads utime + stime (fields 14, 15), cutime + cstime (16, 17), the parent and the command name, even with spaces and parentheses in it', () => {
    const stat = '4242 (node (tsx) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 11 0 12345 1000000 5000 18446744073709551615';
    expect(parseStatTicks(stat)).toEqual({ comm: 'node (tsx) x', ppid: 1, ticks: 325, childTicks: 0 });
    expect(parseStatTicks('7 (postgres) S 1 7 7 0 -1 0 0 0 0 0 10 5 30 12 20 0').childTicks).toBe(42);
  });
});

describe('treePids', () => {
  it('the root and every process under it, at any depth; not its siblings or parent', () => {
    const stats = new Map([[1, { ppid: 0 }], [10, { ppid: 1 }], [11, { ppid: 10 }], [12, { ppid: 10 }], [13, { ppid: 11 }], [20, { ppid: 1 }]]);
    expect(treePids(10, stats).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
    expect(treePids(20, stats)).toEqual([20]);
  });
});
