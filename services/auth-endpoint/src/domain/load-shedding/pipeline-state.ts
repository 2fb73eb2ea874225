/** One look at the prompt pipeline: what this service has accepted that the dispatcher has not taken up yet. */
export interface BacklogSample {
  /** When it was taken, ms since the epoch. */
  at: number;
  /**
   * The outbox part: unpublished rows, the age of the oldest (seconds) and the outbox's head (the
   * highest `seq` written by any replica, so its growth is every replica's intake); absent when the
   * database could not be read.
   */
  outbox?: { unpublished: number; oldestAgeS: number; head: number };
  /** The dispatcher's consumer lag on `ciba.auth-requests`; absent when the bus could not tell. */
  lag?: number;
}

/** What shedding decides from: the backlog, the oldest unpublished row and the pipeline's measured drain rate. */
export interface PipelineState {
  /** When the latest sample was taken, ms since the epoch. */
  at: number;
  /** Requests accepted (by any replica) that the dispatcher has not taken up: unpublished rows plus lag. */
  backlog: number;
  /** Share of `backlog` still in the outbox (the rest is consumer lag). */
  unpublished: number;
  /** Seconds the oldest unpublished outbox row has waited (0: none). */
  oldestAgeS: number;
  /**
   * Requests per second the pipeline takes up when it has work (a smoothed measure); `undefined`
   * until measured. 0 means it had work and took none up: stalled.
   */
  drainPerS?: number;
  /** The outbox head of the latest sample that had one. */
  head?: number;
  /** Where the current drain measure started: a complete sample's time, backlog and head. */
  mark?: { at: number; backlog: number; head: number };
}
