import { parsePgbenchTps } from '../../../src/infra/pgbench.ts';

describe('parsePgbenchTps', () => {
  it('reads the tps without initial connection time', () => {
    const out = 'number of transactions actually processed: 3730\nlatency average = 2.681 ms\ninitial connection time = 3.1 ms\ntps = 373.012345 (without initial connection time)\n';
    expect(parsePgbenchTps(out)).toBeCloseTo(373.012345);
  });

  it('throws on output without a tps line', () => {
    expect(() => parsePgbenchTps('pgbench: error: connection failed')).toThrow('no tps in pgbench output');
  });
});
