import type { BacklogSample, PipelineState } from './pipeline-state.ts';

/** Weight of the newest drain measure in the smoothed rate. */
const SMOOTHING = 0.3;

/**
 * Folds one sample into the pipeline state. The drain rate is what left the backlog over the
 * interval: the backlog before, plus the intake (growth of the outbox head, every replica's), less
 * the backlog now. It measures capacity only while work remained (the backlog stayed above 0): then
 * it is smoothed in. When the backlog emptied, the pipeline kept up and the measure is only a lower
 * bound, so it can raise the estimate but not lower it; with no work at all the estimate is kept (an
 * idle pipeline has not become slower). A part of the sample that could not be read counts as empty
 * for the backlog (shedding fails open on it) and measures no drain.
 */
export function nextPipelineState(previous: PipelineState | undefined, sample: BacklogSample): PipelineState {
  const unpublished = sample.outbox?.unpublished ?? 0;
  const backlog = unpublished + (sample.lag ?? 0);
  const next: PipelineState = {
    at: sample.at,
    backlog,
    unpublished,
    oldestAgeS: sample.outbox?.oldestAgeS ?? 0,
    drainPerS: previous?.drainPerS,
    head: sample.outbox?.head ?? previous?.head,
  };
  const complete = sample.outbox !== undefined && sample.lag !== undefined;
  if (!previous || !complete || previous.head === undefined) return next;
  const seconds = (sample.at - previous.at) / 1000;
  if (seconds <= 0) return next;
  const intake = Math.max(0, sample.outbox!.head - previous.head);
  const work = previous.backlog + intake;
  if (work === 0) return next;
  const rate = Math.max(0, work - backlog) / seconds;
  if (backlog === 0) next.drainPerS = Math.max(previous.drainPerS ?? 0, rate);
  else next.drainPerS = previous.drainPerS === undefined ? rate : previous.drainPerS + SMOOTHING * (rate - previous.drainPerS);
  return next;
}
