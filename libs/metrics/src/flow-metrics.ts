import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry.ts';

/** What happened to a CIBA request, counted once where its owner records it. */
export type FlowOutcome = 'requested' | 'approved' | 'denied' | 'expired' | 'redeemed' | 'notification_delivered' | 'notification_failed';

/** How far a request got, timed from when it was accepted. */
export type FlowStage = 'prompt_delivered' | 'decided' | 'token_issued';

const outcomes = new Counter({
  name: 'ciba_flow_outcomes_total',
  help: 'CIBA requests by outcome: requested, approved, denied, expired, redeemed, notification_delivered, notification_failed',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const stages = new Histogram({
  name: 'ciba_flow_stage_seconds',
  help: 'Seconds from a CIBA request being accepted to its prompt being delivered, its decision, and its tokens being issued',
  labelNames: ['stage'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
  registers: [metricsRegistry],
});

/** The flow counters and stage timings (`ciba_flow_outcomes_total`, `ciba_flow_stage_seconds`). */
export const flowMetrics = {
  outcome(outcome: FlowOutcome, count = 1): void {
    if (count > 0) outcomes.inc({ outcome }, count);
  },
  /** Records `at - since` for `stage`; a negative span (clocks of two hosts) counts as 0. */
  stage(stage: FlowStage, since: Date, at: Date = new Date()): void {
    stages.observe({ stage }, Math.max(0, (at.getTime() - since.getTime()) / 1000));
  },
};
