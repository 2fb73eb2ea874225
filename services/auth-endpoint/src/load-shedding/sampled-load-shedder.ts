import type { Logger } from '@ciba/service-kit';
import { shedDecision, type ShedPolicy, type ShedReason } from '../domain/load-shedding/shed-decision.ts';
import type { PipelineState } from '../domain/load-shedding/pipeline-state.ts';
import type { LoadShedder } from './load-shedder.ts';

/** Shed requests are logged at most this often, ms (with how many since the last line). */
const LOG_EVERY_MS = 10_000;

/**
 * Decides from the sampler's latest state, in memory; counts what it sheds through `onShed` (the
 * `ciba_load_shed_total{reason}` hook) and a warn line at most every 10 s.
 */
export function sampledLoadShedder(current: () => PipelineState | undefined, policy: ShedPolicy, logger: Logger, onShed?: (reason: ShedReason) => void): LoadShedder {
  let unlogged: Partial<Record<ShedReason, number>> = {};
  let lastLog = 0;
  return {
    decide: (expiresIn) => shedDecision(current(), expiresIn, policy, Date.now()),
    shed(reason) {
      onShed?.(reason);
      unlogged[reason] = (unlogged[reason] ?? 0) + 1;
      const now = Date.now();
      if (lastLog + LOG_EVERY_MS > now) return;
      lastLog = now;
      const state = current();
      logger.warn({ shed: unlogged, backlog: state?.backlog, oldest_age_s: state?.oldestAgeS, drain_per_s: state?.drainPerS }, 'prompt pipeline behind: backchannel authentication requests shed (503)');
      unlogged = {};
    },
  };
}
