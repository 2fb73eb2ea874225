import type { PipelineState } from '../../../../src/domain/load-shedding/pipeline-state.ts';
import { shedDecision, type ShedPolicy } from '../../../../src/domain/load-shedding/shed-decision.ts';

const policy: ShedPolicy = { maxWaitS: 60, minBacklog: 100, staleAfterMs: 2000 };
const NOW = 1_000_000;
const state = (partial: Partial<PipelineState>): PipelineState => ({ at: NOW, backlog: 0, unpublished: 0, oldestAgeS: 0, drainPerS: 100, ...partial });

describe('shedDecision', () => {
  it('accepts while the estimated wait (backlog / drain rate) is within BC_SHED_MAX_WAIT_S', () => {
    expect(shedDecision(state({ backlog: 6000, drainPerS: 100 }), 600, policy, NOW)).toEqual({ shed: false });
  });

  it('sheds beyond it, Retry-After the time to drain back to the bound (consumer lag)', () => {
    expect(shedDecision(state({ backlog: 9000, drainPerS: 100 }), 600, policy, NOW)).toEqual({ shed: true, reason: 'consumer_lag', retryAfter: 30 });
  });

  it('the bound is also half the request\'s own lifetime: a short-lived request is shed sooner', () => {
    // wait 10 s: fine for a 600 s request, not for a 15 s one (the user needs the other half)
    expect(shedDecision(state({ backlog: 1000, drainPerS: 100 }), 600, policy, NOW)).toEqual({ shed: false });
    expect(shedDecision(state({ backlog: 1000, drainPerS: 100 }), 15, policy, NOW)).toEqual({ shed: true, reason: 'consumer_lag', retryAfter: 3 });
  });

  it('a stalled pipeline (work, no drain) sheds everything above BC_SHED_MIN_BACKLOG, Retry-After capped at the bound', () => {
    expect(shedDecision(state({ backlog: 101, drainPerS: 0 }), 600, policy, NOW)).toEqual({ shed: true, reason: 'consumer_lag', retryAfter: 60 });
    expect(shedDecision(state({ backlog: 101, drainPerS: undefined }), 600, policy, NOW)).toEqual({ shed: true, reason: 'consumer_lag', retryAfter: 60 });
    expect(shedDecision(state({ backlog: 100, drainPerS: 0 }), 600, policy, NOW)).toEqual({ shed: false });
  });

  it('an outbox not getting out (its oldest row older than the bound) sheds whatever the backlog', () => {
    expect(shedDecision(state({ backlog: 3, unpublished: 3, oldestAgeS: 75 }), 600, policy, NOW)).toEqual({ shed: true, reason: 'outbox', retryAfter: 15 });
  });

  it('reason: outbox when most of the backlog is unpublished rows', () => {
    expect(shedDecision(state({ backlog: 9000, unpublished: 8000, drainPerS: 100 }), 600, policy, NOW)).toMatchObject({ shed: true, reason: 'outbox' });
  });

  it('no state, or a stale one: accepts (fail open)', () => {
    expect(shedDecision(undefined, 600, policy, NOW)).toEqual({ shed: false });
    expect(shedDecision(state({ at: NOW - 2001, backlog: 1e6, drainPerS: 0 }), 600, policy, NOW)).toEqual({ shed: false });
  });

  it('Retry-After is at least 1 s', () => {
    expect(shedDecision(state({ backlog: 6001, drainPerS: 100 }), 600, policy, NOW)).toEqual({ shed: true, reason: 'consumer_lag', retryAfter: 1 });
  });
});
