/** Which limit refused a prompt: an undecided request of the same client, the user's or the client's rate. */
export type PromptRefusal = 'pending' | 'user' | 'client';

/** One prompt: the request about to be accepted, for `sub`, from `clientId`. */
export interface Prompt {
  requestId: string;
  clientId: string;
  sub: string;
  /** Seconds until the request expires: an undecided request blocks a duplicate no longer. */
  expiresIn: number;
}

/** A prompt counted against every limit, or the limit that refused it (and counted nothing). */
export type PromptReservation =
  | { accepted: true; /** Takes the prompt back: its request was not stored after all. */ release(): Promise<void> }
  | { accepted: false; refusal: PromptRefusal; /** Seconds until the limit would let it through. */ retryAfter: number };

/**
 * Prompt-bombing protection, shared by every replica: per-user and per-client rates of accepted
 * requests, and no second prompt for a user while a request of the same client is undecided.
 * Implementations throw when they cannot tell (store unreachable); the caller fails closed.
 */
export interface PromptLimits {
  /** Checks every limit and, only if none refuses, counts the prompt against all of them, atomically. */
  reserve(prompt: Prompt): Promise<PromptReservation>;
  /** The request was decided or expired: a new prompt of its client to its user is no duplicate any more. */
  settled(prompt: Omit<Prompt, 'expiresIn'>): Promise<void>;
}
