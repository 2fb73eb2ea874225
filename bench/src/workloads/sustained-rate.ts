import { percentile } from '../stats/percentile.ts';

/** bc-authorize end to end: what was accepted and also prompted on the device, over load plus drain. */
export interface SustainedRate {
  /** Requests answered 200 with an auth_req_id. */
  accepted: number;
  /** Of those, the ones whose prompt the device simulator received. */
  acceptedPrompted: number;
  /** acceptedPrompted / (loadSeconds + drainSeconds): the headline bc-authorize rate. */
  perSec: number;
  loadSeconds: number;
  /** Seconds from the end of the load until the last of its prompts arrived (0 when none came later). */
  drainSeconds: number;
  /** 1 when every accepted request was prompted within 2 s of the load's end, else 0. */
  drainedWithin2s: number;
  /** Request sent → its prompt received, ms (prompted requests only). */
  promptP50: number;
  promptP99: number;
}

/** The backlog must be back to zero this long after the load stops (issue 14). */
export const DRAIN_LIMIT_SECONDS = 2;

/**
 * Computes the sustained rate from the send time of every accepted request and the arrival time of
 * every prompt (both by binding message, `performance.now()` ms); prompts of other requests are ignored.
 */
export function sustainedRate(accepted: ReadonlyMap<string, number>, prompts: ReadonlyMap<string, number>, loadStart: number, loadEnd: number): SustainedRate {
  const latencies: number[] = [];
  let lastPrompt = loadEnd;
  for (const [tag, sentAt] of accepted) {
    const at = prompts.get(tag);
    if (at === undefined) continue;
    latencies.push(at - sentAt);
    lastPrompt = Math.max(lastPrompt, at);
  }
  const loadSeconds = (loadEnd - loadStart) / 1000;
  const drainSeconds = (lastPrompt - loadEnd) / 1000;
  const all = latencies.length === accepted.size;
  return {
    accepted: accepted.size,
    acceptedPrompted: latencies.length,
    perSec: latencies.length / (loadSeconds + drainSeconds),
    loadSeconds,
    drainSeconds,
    drainedWithin2s: all && drainSeconds <= DRAIN_LIMIT_SECONDS ? 1 : 0,
    promptP50: percentile(latencies, 50),
    promptP99: percentile(latencies, 99),
  };
}
