import type { OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt, DeliveryFailure } from './consent-prompt.ts';
import type { DeliveryOutcome } from './delivery-outcome.ts';

/** What the expired event tells about a prompt. */
export type ExpiringPrompt = Pick<ConsentPrompt, 'promptId' | 'requestId' | 'clientId' | 'sub' | 'expiresAt'>;

/**
 * A prompt about to be stored for a `created` event (`expired` when the request arrived already
 * expired). A queued one carries the hash of the decision token its first delivery offer will carry.
 */
export type NewPrompt = Omit<ConsentPrompt, 'status' | 'decidedAt' | 'deliveryStatus'> & {
  deliveryStatus: 'queued' | 'expired';
};

/** What `recordCreated` found: the request's prompt, and whether this call stored it. */
export interface StoredPrompt {
  prompt: ConsentPrompt;
  /** False on a replay: the request already had its prompt (this one was not stored). */
  created: boolean;
}

/** One channel tried (identifiers and outcome only: no URL, address or token). */
export interface DeliveryAttempt {
  promptId: string;
  jobAttempt: number;
  channelIndex: number;
  channelType: string;
  outcome: DeliveryOutcome;
  statusCode?: number;
  latencyMs: number;
}

/** The prompts and their deliveries; every state change that others learn of carries its outbox event. */
export interface PromptStore {
  /**
   * Records that `group` handled event `eventId` and stores the prompt unless its request already has
   * one, in one statement. Returns the request's prompt, new or earlier. A prompt whose delivery is
   * `expired` (the request arrived already expired) is stored as `expired` too, and `expiredEvent` is
   * written with it, only by the call that stores it: once per request however often the event comes.
   */
  recordCreated(group: string, eventId: string, prompt: NewPrompt, expiredEvent?: OutboxRecord): Promise<StoredPrompt>;
  findById(promptId: string): Promise<ConsentPrompt | null>;
  /** Replaces the decision token hash while the prompt is pending; false once it is decided. */
  rotateTokenHash(promptId: string, hash: string): Promise<boolean>;
  recordAttempt(attempt: DeliveryAttempt): Promise<void>;
  /**
   * Records the offer a channel accepted and moves delivery `queued` → `delivered` with its event, in
   * one statement; false when delivery was already settled (the attempt is recorded all the same).
   */
  markDelivered(attempt: DeliveryAttempt, at: Date, event: OutboxRecord): Promise<boolean>;
  /** `queued` → `undeliverable` with its event; false when delivery was already settled. */
  markUndeliverable(promptId: string, failure: DeliveryFailure, event: OutboxRecord): Promise<boolean>;
  /** `queued` → `expired`: the request expired before a channel took the prompt. */
  markExpired(promptId: string): Promise<void>;
  /**
   * `pending` → `status`, only while the request has not expired at `decidedAt`, with its event, in one
   * transaction. False when another decision won or the request expired: nothing is written then.
   */
  decide(promptId: string, status: 'approved' | 'denied', decidedAt: Date, event: OutboxRecord): Promise<boolean>;
  /**
   * Moves up to `limit` pending prompts whose `expires_at` is at or before `now` to `expired` (a queued
   * delivery becomes `expired` too), each with `expiredEvent(prompt)` in the same transaction. Rows a
   * concurrent decision or sweeper holds are skipped, so exactly one of approved, denied and expired
   * wins. Returns the prompts it expired.
   */
  expireDue(now: Date, limit: number, expiredEvent: (prompt: ExpiringPrompt) => OutboxRecord): Promise<ExpiringPrompt[]>;
  /**
   * Ids of pending prompts still waiting for a channel (delivery `queued`) whose request has not
   * expired at `now` and that were stored before `storedBefore`, in id order after `afterId`, at most
   * `limit`.
   */
  listAwaitingDelivery(now: Date, storedBefore: Date, afterId: string | undefined, limit: number): Promise<string[]>;
}
