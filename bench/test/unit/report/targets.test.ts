import { compare } from '../../../src/report/compare.ts';
import { summarize } from '../../../src/report/summarize.ts';
import { checkTargets } from '../../../src/report/targets.ts';
import { sample } from '../../support/sample.ts';

describe('checkTargets', () => {
  it('PASS at or above each ratio and under 30 ms p99; MISS below; not listed when the workload did not run', () => {
    const rows = summarize([
      sample({ workload: 'bc-authorize', opsPerSec: 150, p99: 29.9 }),
      sample({ workload: 'bc-authorize', system: 'oidc-provider', opsPerSec: 100 }),
      sample({ workload: 'poll-pending', opsPerSec: 199 }),
      sample({ workload: 'poll-pending', system: 'oidc-provider', opsPerSec: 100 }),
    ]);
    expect(checkTargets(rows, compare(rows))).toEqual([
      { target: 'bc-authorize sustained req/s ≥ 1.5× oidc-provider', measured: 1.5, pass: true },
      { target: 'bc-authorize p99 < 30 ms (ours)', measured: 29.9, pass: true },
      { target: 'poll-pending req/s ≥ 2× oidc-provider', measured: 1.99, pass: false },
    ]);
  });

  it('a missing side is a MISS with NaN, not a PASS', () => {
    const rows = summarize([sample({ workload: 'full-flow:poll', system: 'oidc-provider', opsPerSec: 100 })]);
    expect(checkTargets(rows, compare(rows))).toEqual([{ target: 'full-flow (poll) flows/s ≥ 1.5× oidc-provider', measured: NaN, pass: false }]);
  });

  it('bc-authorize: the backlog drained within 2 s (the drain in seconds), MISS beyond, NaN when a prompt never came', () => {
    const sustained = (drainSeconds: number, drainedWithin2s: number) => ({ accepted: 10, acceptedPrompted: 10, perSec: 150, loadSeconds: 10, drainSeconds, drainedWithin2s, promptP50: 5, promptP99: 9 });
    const drained = summarize([sample({ p99: 20, sustained: sustained(1.5, 1) }), sample({ system: 'oidc-provider', sustained: sustained(0, 1) })]);
    expect(checkTargets(drained, compare(drained))[2]).toEqual({ target: 'bc-authorize backlog drained ≤ 2 s after the load (ours), s', measured: 1.5, pass: true });
    const late = summarize([sample({ system: 'ours-w2', sustained: sustained(3, 0) }), sample({ system: 'oidc-provider', sustained: sustained(0, 1) })]);
    expect(checkTargets(late, compare(late))[2]).toEqual({ target: 'bc-authorize backlog drained ≤ 2 s after the load (ours), s [ours-w2]', measured: 3, pass: false });
    const lost = summarize([sample({ sustained: { ...sustained(0.5, 0), acceptedPrompted: 9 } }), sample({ system: 'oidc-provider', sustained: sustained(0, 1) })]);
    expect(checkTargets(lost, compare(lost))[2]).toEqual({ target: 'bc-authorize backlog drained ≤ 2 s after the load (ours), s', measured: NaN, pass: false });
  });

  it('checks ours over Kafka under its own name', () => {
    const rows = summarize([sample({ system: 'ours-kafka', opsPerSec: 160, p99: 40 }), sample({ system: 'oidc-provider', opsPerSec: 100 })]);
    expect(checkTargets(rows, compare(rows))).toEqual([
      { target: 'bc-authorize sustained req/s ≥ 1.5× oidc-provider [Kafka bus]', measured: 1.6, pass: true },
      { target: 'bc-authorize p99 < 30 ms (ours) [Kafka bus]', measured: 40, pass: false },
    ]);
  });
});
