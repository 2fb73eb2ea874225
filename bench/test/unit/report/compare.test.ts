import { compare } from '../../../src/report/compare.ts';
import { summarize } from '../../../src/report/summarize.ts';
import { sample } from '../../support/sample.ts';

describe('compare', () => {
  it('ours/peer of throughput, p99 and server CPU per workload', () => {
    const rows = summarize([
      sample({ opsPerSec: 300, p99: 10, cpuPerOp: { server: 0.001 } }),
      sample({ system: 'oidc-provider', opsPerSec: 200, p99: 20, cpuPerOp: { server: 0.004 } }),
    ]);
    expect(compare(rows)).toEqual([{ workload: 'bc-authorize', system: 'ours', throughputRatio: 1.5, answeredRatio: 1.5, p99Ratio: 0.5, cpuPerOpRatio: 0.25 }]);
  });

  it('bc-authorize: the sustained rate where measured is the headline, the answered rate beside it', () => {
    const sustained = (perSec: number) => ({ accepted: 10, acceptedPrompted: 10, perSec, loadSeconds: 10, drainSeconds: 0, drainedWithin2s: 1, promptP50: 5, promptP99: 9 });
    const rows = summarize([sample({ opsPerSec: 300, sustained: sustained(150) }), sample({ system: 'oidc-provider', opsPerSec: 200, sustained: sustained(200) })]);
    expect(compare(rows).map((c) => [c.throughputRatio, c.answeredRatio])).toEqual([[0.75, 1.5]]);
  });

  it('compares our ping and push flows with the peer poll flow; NaN where the peer is missing', () => {
    const rows = summarize([
      sample({ workload: 'full-flow:poll', opsPerSec: 100 }),
      sample({ workload: 'full-flow:push', opsPerSec: 150 }),
      sample({ workload: 'full-flow:poll', system: 'oidc-provider', opsPerSec: 50 }),
      sample({ workload: 'poll-pending', opsPerSec: 10 }),
    ]);
    const byWorkload = Object.fromEntries(compare(rows).map((c) => [c.workload, c.throughputRatio]));
    expect(byWorkload).toEqual({ 'full-flow:poll': 2, 'full-flow:push': 3, 'poll-pending': NaN });
  });

  it('compares ours over each bus with the peer', () => {
    const rows = summarize([sample({ opsPerSec: 300 }), sample({ system: 'ours-kafka', opsPerSec: 150 }), sample({ system: 'oidc-provider', opsPerSec: 100 })]);
    expect(compare(rows).map((c) => [c.system, c.throughputRatio])).toEqual([
      ['ours', 3],
      ['ours-kafka', 1.5],
    ]);
  });
});
