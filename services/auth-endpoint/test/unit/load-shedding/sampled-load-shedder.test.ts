import { Writable } from 'node:stream';
import pino from 'pino';
import type { PipelineState } from '../../../src/domain/load-shedding/pipeline-state.ts';
import type { ShedReason } from '../../../src/domain/load-shedding/shed-decision.ts';
import { sampledLoadShedder } from '../../../src/load-shedding/sampled-load-shedder.ts';

const policy = { maxWaitS: 60, minBacklog: 10, staleAfterMs: 60_000 };

function shedder(state: PipelineState | undefined) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  const counted: ShedReason[] = [];
  return { s: sampledLoadShedder(() => state, policy, logger, (reason) => counted.push(reason)), lines, counted };
}

describe('sampledLoadShedder', () => {
  it('decides from the sampler\'s latest state', () => {
    expect(shedder(undefined).s.decide(600)).toEqual({ shed: false });
    const stalled: PipelineState = { at: Date.now(), backlog: 50, unpublished: 0, oldestAgeS: 0, drainPerS: 0 };
    expect(shedder(stalled).s.decide(600)).toEqual({ shed: true, reason: 'consumer_lag', retryAfter: 60 });
  });

  it('counts every shed request through the hook, and logs one warn line per 10 s with the counts (no per-request line)', () => {
    const { s, lines, counted } = shedder({ at: Date.now(), backlog: 50, unpublished: 0, oldestAgeS: 0, drainPerS: 0 });
    s.shed('consumer_lag');
    s.shed('consumer_lag');
    s.shed('outbox');
    expect(counted).toEqual(['consumer_lag', 'consumer_lag', 'outbox']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'prompt pipeline behind: backchannel authentication requests shed (503)', shed: { consumer_lag: 1 }, backlog: 50 });
  });
});
