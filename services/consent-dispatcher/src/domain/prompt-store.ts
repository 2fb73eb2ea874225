import type { OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt } from './consent-prompt.ts';

/** What the expired event tells about a prompt. */
export type ExpiringPrompt = Pick<ConsentPrompt, 'promptId' | 'requestId' | 'clientId' | 'sub' | 'expiresAt' | 'traceContext'>;

/**
 * A prompt about to be stored for a `created` event (`expired` when the request arrived already
 * expired). A queued one carries when its first offer is due (a lease: the process that stores it
 * makes the offer at once, a sweep takes over if it stops).
 */
export type NewPrompt = Omit<ConsentPrompt, 'status' | 'decidedAt' | 'deliveryStatus' | 'round' | 'nextChannelIndex' | 'decisionTokenHash'> & {
  deliveryStatus: 'queued' | 'expired';
};

/** What `recordCreated` found: the request's prompt, and whether this call stored it. */
export interface StoredPrompt {
  prompt: ConsentPrompt;
  /** False on a replay: the request already had its prompt (this one was not stored). */
  created: boolean;
}

/** The prompts and their decisions; every state change that others learn of carries its outbox event. */
export interface PromptStore {
  /**
   * Records that `group` handled event `eventId` and stores the prompt unless its request already has
   * one, in one statement. Returns the request's prompt, new or earlier. A prompt whose delivery is
   * `expired` (the request arrived already expired) is stored as `expired` too, and `expiredEvent` is
   * written with it, only by the call that stores it: once per request however often the event comes.
   */
  recordCreated(group: string, eventId: string, prompt: NewPrompt, expiredEvent?: OutboxRecord): Promise<StoredPrompt>;
  findById(promptId: string): Promise<ConsentPrompt | null>;
  findByRequestId(requestId: string): Promise<ConsentPrompt | null>;
  /**
   * `pending` → `status`, only while the request has not expired at `decidedAt`, with its event, in one
   * transaction. False when another decision won or the request expired: nothing is written then.
   */
  decide(promptId: string, status: 'approved' | 'denied', decidedAt: Date, event: OutboxRecord): Promise<boolean>;
  /**
   * Moves up to `limit` pending prompts whose `expires_at` is at or before `now` to `expired` (a queued
   * delivery becomes `expired` too, and no further offer is made), each with `expiredEvent(prompt)` in
   * the same transaction. Rows a concurrent decision or sweeper holds are skipped, so exactly one of
   * approved, denied and expired wins. Returns the prompts it expired.
   */
  expireDue(now: Date, limit: number, expiredEvent: (prompt: ExpiringPrompt) => OutboxRecord): Promise<ExpiringPrompt[]>;
}
