import type { BacklogSample, PipelineState } from './pipeline-state.ts';

/** Weight of the newest drain measure in the smoothed rate. */
const SMOOTHING = 0.5;
/** Shortest span of one drain measure, ms: the outbox and the lag are read a moment apart, so a row
 * published in between is counted twice or not at all; over a second that error is small. */
export const DRAIN_WINDOW_MS = 1000;

/**
 * Folds one sample into the pipeline state. The drain rate is measured over spans of at least
 * `DRAIN_WINDOW_MS` between complete samples: the backlog at the span's start, plus the intake
 * (growth of the outbox head, every replica's), less the backlog now. It measures capacity only while
 * work remained (the backlog stayed above 0): then it is smoothed in. When the backlog emptied, the
 * pipeline kept up and the measure is only a lower bound, so it can raise the estimate but not lower
 * it; with no work at all the estimate is kept (an idle pipeline has not become slower). A part of the
 * sample that could not be read counts as empty for the backlog (shedding fails open on it) and
 * measures no drain.
 */
export function nextPipelineState(previous: PipelineState | undefined, sample: BacklogSample, windowMs = DRAIN_WINDOW_MS): PipelineState {
  const unpublished = sample.outbox?.unpublished ?? 0;
  const backlog = unpublished + (sample.lag ?? 0);
  const next: PipelineState = {
    at: sample.at,
    backlog,
    unpublished,
    oldestAgeS: sample.outbox?.oldestAgeS ?? 0,
    drainPerS: previous?.drainPerS,
    head: sample.outbox?.head ?? previous?.head,
    mark: previous?.mark,
  };
  if (sample.outbox === undefined || sample.lag === undefined) return next;
  const here = { at: sample.at, backlog, head: sample.outbox.head };
  const mark = previous?.mark;
  if (!mark || here.at < mark.at) {
    next.mark = here;
    return next;
  }
  const seconds = (here.at - mark.at) / 1000;
  if (here.at - mark.at < windowMs) return next;
  next.mark = here;
  const work = mark.backlog + Math.max(0, here.head - mark.head);
  if (work === 0) return next;
  const rate = Math.max(0, work - backlog) / seconds;
  const known = previous?.drainPerS;
  if (backlog === 0) next.drainPerS = Math.max(known ?? 0, rate);
  else next.drainPerS = known === undefined ? rate : known + SMOOTHING * (rate - known);
  return next;
}
