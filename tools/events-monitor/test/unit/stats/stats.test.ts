import { percentile } from '../../../src/stats/percentile.ts';
import { stageLatencies } from '../../../src/stats/stage-latencies.ts';
import { eventRates } from '../../../src/stats/event-rates.ts';
import type { LifecycleEvent } from '../../../src/lifecycle/lifecycle-event.ts';

const ev = (requestId: string, stage: LifecycleEvent['stage'], timeMs: number, requestedAtMs?: number): LifecycleEvent => ({ requestId, stage, type: stage, topic: 't', eventId: `${requestId}-${stage}-${timeMs}`, timeMs, fields: {}, ...(requestedAtMs !== undefined ? { requestedAtMs } : {}) });

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 90, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('stageLatencies', () => {
  it('times each stage from the request to its first event, over requests started in the window', () => {
    const events = [
      ev('a', 'requested', 1000, 1000),
      ev('a', 'delivered', 1100),
      ev('a', 'delivered', 1900), // a second round: the first counts
      ev('a', 'approved', 1500),
      ev('a', 'redeemed', 2000),
      ev('b', 'requested', 5000, 5000),
      ev('b', 'delivered', 5300),
      ev('b', 'denied', 6000),
      ev('c', 'approved', 9000), // started before the window: not timed
    ];
    expect(stageLatencies(events)).toEqual([
      { stage: 'prompt_delivered', count: 2, p50: 100, p90: 300, p99: 300, max: 300 },
      { stage: 'decided', count: 2, p50: 500, p90: 1000, p99: 1000, max: 1000 },
      { stage: 'token_issued', count: 1, p50: 1000, p90: 1000, p99: 1000, max: 1000 },
    ]);
  });
});

describe('eventRates', () => {
  it('counts per topic and type over the window, busiest first', () => {
    const rates = eventRates([{ topic: 'x', type: 'a' }, { topic: 'x', type: 'a' }, { topic: 'y', type: 'b' }], 10_000);
    expect(rates).toEqual([
      { topic: 'x', type: 'a', count: 2, perSecond: 0.2 },
      { topic: 'y', type: 'b', count: 1, perSecond: 0.1 },
    ]);
  });
});
