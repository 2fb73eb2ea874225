import { nextPipelineState } from '../../../../src/domain/load-shedding/next-pipeline-state.ts';
import type { PipelineState } from '../../../../src/domain/load-shedding/pipeline-state.ts';

const outbox = (unpublished: number, head: number, oldestAgeS = 0) => ({ unpublished, head, oldestAgeS });

describe('nextPipelineState', () => {
  it('backlog: unpublished outbox rows plus the consumer lag', () => {
    const state = nextPipelineState(undefined, { at: 1000, outbox: outbox(3, 10, 2), lag: 4 });
    expect(state).toEqual({ at: 1000, backlog: 7, unpublished: 3, oldestAgeS: 2, drainPerS: undefined, head: 10 });
  });

  it('drain rate: what left the backlog (before + every replica\'s intake − after) per second, while work remained', () => {
    const first = nextPipelineState(undefined, { at: 0, outbox: outbox(0, 100), lag: 50 });
    // 500 new rows (head 100 → 600), backlog 50 → 350: 200 taken up in 2 s.
    const second = nextPipelineState(first, { at: 2000, outbox: outbox(10, 600), lag: 340 });
    expect(second.drainPerS).toBe(100);
    // then smoothed: a measure of 200/s moves the estimate by 30 % of the difference
    const third = nextPipelineState(second, { at: 3000, outbox: outbox(0, 800), lag: 350 });
    expect(third.drainPerS).toBeCloseTo(100 + 0.3 * (200 - 100));
  });

  it('drain rate: a stalled pipeline with work measures 0', () => {
    const first = nextPipelineState(undefined, { at: 0, outbox: outbox(0, 0), lag: 0 });
    const second = nextPipelineState(first, { at: 1000, outbox: outbox(0, 40), lag: 40 });
    expect(second.drainPerS).toBe(0);
  });

  it('drain rate: an emptied backlog only raises the estimate; an idle pipeline keeps it', () => {
    const known: PipelineState = { at: 0, backlog: 10, unpublished: 0, oldestAgeS: 0, drainPerS: 500, head: 100 };
    const kept = nextPipelineState(known, { at: 1000, outbox: outbox(0, 120), lag: 0 }); // 30/s, kept up
    expect(kept.drainPerS).toBe(500);
    const raised = nextPipelineState(known, { at: 1000, outbox: outbox(0, 1090), lag: 0 }); // 1000/s
    expect(raised.drainPerS).toBe(1000);
    const idle = nextPipelineState({ ...known, backlog: 0 }, { at: 1000, outbox: outbox(0, 100), lag: 0 });
    expect(idle.drainPerS).toBe(500);
  });

  it('an unreadable part counts as empty and measures no drain (fail open); the head is carried over', () => {
    const known: PipelineState = { at: 0, backlog: 10, unpublished: 5, oldestAgeS: 1, drainPerS: 50, head: 100 };
    expect(nextPipelineState(known, { at: 1000, lag: 7 })).toEqual({ at: 1000, backlog: 7, unpublished: 0, oldestAgeS: 0, drainPerS: 50, head: 100 });
    expect(nextPipelineState(known, { at: 1000, outbox: outbox(2, 200, 3) })).toEqual({ at: 1000, backlog: 2, unpublished: 2, oldestAgeS: 3, drainPerS: 50, head: 200 });
  });
});
