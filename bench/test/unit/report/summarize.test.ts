import { summarize } from '../../../src/report/summarize.ts';
import { sample } from '../../support/sample.ts';

describe('summarize', () => {
  it('takes medians per workload and system, sums errors, keeps first-seen order', () => {
    const rows = summarize([
      sample({ round: 1, opsPerSec: 90, p99: 30, errors: 1, errorKinds: { '500': 1 } }),
      sample({ system: 'oidc-provider', opsPerSec: 50 }),
      sample({ round: 2, opsPerSec: 110, p99: 10, errors: 2, errorKinds: { '500': 2 }, cpuPerOp: { server: 0.003 } }),
      sample({ round: 3, opsPerSec: 100, p99: 20, cpuPerOp: { server: 0.002 } }),
    ]);
    expect(rows.map((r) => [r.workload, r.system, r.rounds])).toEqual([['bc-authorize', 'ours', 3], ['bc-authorize', 'oidc-provider', 1]]);
    expect(rows[0]).toMatchObject({ opsPerSec: 100, p99: 20, errors: 3, errorKinds: { '500': 3 }, spread: { min: 90, max: 110, relative: 0.2 } });
    expect(rows[0]!.cpuPerOp.server).toBe(0.002);
    // a key missing in some rounds is the median of the rounds that have it
    expect(rows[0]!.cpuPerOp.redis).toBe(0.0001);
  });
});
