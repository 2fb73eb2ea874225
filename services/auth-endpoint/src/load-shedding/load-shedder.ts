import type { ShedDecision, ShedReason } from '../domain/load-shedding/shed-decision.ts';

/** Load shedding as `/bc-authorize` sees it: a decision per request from a shared, sampled state. */
export interface LoadShedder {
  /** Whether to refuse a request expiring in `expiresIn` seconds; costs no I/O. */
  decide(expiresIn: number): ShedDecision;
  /** Counts one shed request (metrics hook, rate-limited log). */
  shed(reason: ShedReason): void;
}

/** Shedding off (`BC_SHED_MAX_WAIT_S=0`): every request is accepted. */
export const noLoadShedding: LoadShedder = {
  decide: () => ({ shed: false }),
  shed: () => undefined,
};
