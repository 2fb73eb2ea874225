import { nextPipelineState } from '../../../../src/domain/load-shedding/next-pipeline-state.ts';
import type { BacklogSample, PipelineState } from '../../../../src/domain/load-shedding/pipeline-state.ts';

const outbox = (unpublished: number, head: number, oldestAgeS = 0) => ({ unpublished, head, oldestAgeS });
const fold = (samples: BacklogSample[], start?: PipelineState) => samples.reduce<PipelineState | undefined>((state, sample) => nextPipelineState(state, sample), start)!;

describe('nextPipelineState', () => {
  it('backlog: unpublished outbox rows plus the consumer lag', () => {
    const state = nextPipelineState(undefined, { at: 1000, outbox: outbox(3, 10, 2), lag: 4 });
    expect(state).toMatchObject({ at: 1000, backlog: 7, unpublished: 3, oldestAgeS: 2, drainPerS: undefined, head: 10 });
  });

  it('drain rate: what left the backlog (before + every replica\'s intake − after) per second, over spans of at least a second', () => {
    // 500 new rows (head 100 → 600), backlog 50 → 350: 200 taken up in 2 s; the sample at 500 ms measures nothing yet
    const measured = fold([
      { at: 0, outbox: outbox(0, 100), lag: 50 },
      { at: 500, outbox: outbox(0, 300), lag: 250 },
      { at: 2000, outbox: outbox(10, 600), lag: 340 },
    ]);
    expect(measured.drainPerS).toBe(100);
    // then smoothed: a measure of 200/s moves the estimate half way
    const next = nextPipelineState(measured, { at: 3000, outbox: outbox(0, 800), lag: 350 });
    expect(next.drainPerS).toBe(150);
  });

  it('drain rate: a stalled pipeline with work measures 0', () => {
    const stalled = fold([
      { at: 0, outbox: outbox(0, 0), lag: 0 },
      { at: 1000, outbox: outbox(0, 40), lag: 40 },
    ]);
    expect(stalled.drainPerS).toBe(0);
  });

  it('drain rate: an emptied backlog only raises the estimate; an idle pipeline keeps it', () => {
    const known: PipelineState = { at: 0, backlog: 10, unpublished: 0, oldestAgeS: 0, drainPerS: 500, head: 100, mark: { at: 0, backlog: 10, head: 100 } };
    expect(nextPipelineState(known, { at: 1000, outbox: outbox(0, 120), lag: 0 }).drainPerS).toBe(500); // 30/s, kept up
    expect(nextPipelineState(known, { at: 1000, outbox: outbox(0, 1090), lag: 0 }).drainPerS).toBe(1000);
    const idle = { ...known, backlog: 0, mark: { at: 0, backlog: 0, head: 100 } };
    expect(nextPipelineState(idle, { at: 1000, outbox: outbox(0, 100), lag: 0 }).drainPerS).toBe(500);
  });

  it('an unreadable part counts as empty and measures no drain (fail open); the head is carried over', () => {
    const known: PipelineState = { at: 0, backlog: 10, unpublished: 5, oldestAgeS: 1, drainPerS: 50, head: 100, mark: { at: 0, backlog: 10, head: 100 } };
    expect(nextPipelineState(known, { at: 5000, lag: 7 })).toEqual({ ...known, at: 5000, backlog: 7, unpublished: 0, oldestAgeS: 0 });
    expect(nextPipelineState(known, { at: 5000, outbox: outbox(2, 200, 3) })).toEqual({ ...known, at: 5000, backlog: 2, unpublished: 2, oldestAgeS: 3, head: 200 });
  });
});
