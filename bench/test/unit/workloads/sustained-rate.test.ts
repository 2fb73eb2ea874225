import { sustainedRate } from '../../../src/workloads/sustained-rate.ts';

describe('sustainedRate', () => {
  // load from t=0 to t=10 000 ms; requests sent at t, prompts at t + latency
  const accepted = new Map([['B1', 1000], ['B2', 2000], ['B3', 9000], ['B4', 9500]]);

  it('counts accepted requests that were prompted, over load + drain until the last prompt', () => {
    const prompts = new Map([['B1', 1010], ['B2', 2020], ['B3', 10_500], ['B4', 11_000], ['W9', 500]]);
    const r = sustainedRate(accepted, prompts, 0, 10_000);
    expect(r).toEqual({ accepted: 4, acceptedPrompted: 4, perSec: 4 / 11, loadSeconds: 10, drainSeconds: 1, drainedWithin2s: 1, promptP50: 20, promptP99: 1500 });
  });

  it('a request never prompted is left out of the rate and the backlog is not drained', () => {
    const prompts = new Map([['B1', 1010], ['B2', 2020], ['B3', 9100]]);
    const r = sustainedRate(accepted, prompts, 0, 10_000);
    expect([r.acceptedPrompted, r.perSec, r.drainSeconds, r.drainedWithin2s]).toEqual([3, 3 / 10, 0, 0]);
  });

  it('a drain longer than 2 s is flagged', () => {
    const prompts = new Map([['B1', 1010], ['B2', 2020], ['B3', 9100], ['B4', 12_500]]);
    const r = sustainedRate(accepted, prompts, 0, 10_000);
    expect([r.perSec, r.drainSeconds, r.drainedWithin2s]).toEqual([4 / 12.5, 2.5, 0]);
  });
});
