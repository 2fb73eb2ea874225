import type { ChannelFailureReason } from '@ciba/contracts';
import type { OutboxRecord } from '@ciba/event-bus';
import type { ConsentPrompt, DeliveryFailure } from './consent-prompt.ts';
import type { OfferRecord } from './offer-record.ts';

/**
 * Which offer of a prompt a writer means to make: round `round` from channel `fromIndex`, as read.
 * Every write that continues a prompt's delivery is conditional on it (the prompt pending, its
 * delivery queued, an offer due, this round and index), so of two processes making the same offer
 * (the one that started it and a sweep after its lease) exactly one writes.
 */
export interface OfferClaim {
  promptId: string;
  round: number;
  fromIndex: number;
}

/** A new offer, as written with its `ciba.channel_offer.requested.v1`. */
export type NewOffer = Pick<OfferRecord, 'offerId' | 'promptId' | 'round' | 'channelIndex' | 'channel' | 'channelType' | 'entryHash' | 'deadlineAt'>;

/** A channel's answer (`ciba.channel_offer.delivered.v1` / `failed.v1`), with the offer it names. */
export interface OfferOutcome {
  offerId: string;
  /** The offer as the outcome names it; an outcome that does not match its offer row is not applied. */
  requestId: string;
  promptId: string;
  channel: string;
  channelIndex: number;
  round: number;
  delivered: boolean;
  reason?: ChannelFailureReason;
  statusCode?: number;
  latencyMs?: number;
}

/** What an outcome did. */
export type OutcomeEffect =
  /** This event was handled before. */
  | { kind: 'duplicate' }
  /** The offer was no longer out (timed out, or unknown): recorded on its row, nothing more. */
  | { kind: 'late' }
  /** The prompt is delivered (`moved` false when delivery was already settled, e.g. expired). */
  | { kind: 'delivered'; moved: boolean; requestedAt?: Date }
  /** The offer failed; `next` is the prompt to offer on (from the following channel), if still wanted. */
  | { kind: 'failed'; next: ConsentPrompt | null };

/** Facts of a delivered offer, for its event. */
export interface DeliveredFacts {
  prompt: Pick<ConsentPrompt, 'promptId' | 'requestId'>;
  offer: Pick<OfferRecord, 'channelType' | 'channelIndex' | 'round'>;
  at: Date;
}

/** A timed-out offer, and the prompt to offer on (from the following channel) if still wanted. */
export interface TimedOut {
  offer: OfferRecord & { requestId: string };
  next: ConsentPrompt | null;
}

/** The offers of prompts to channels, their outcomes, and the entries channels reported gone. */
export interface OfferStore {
  /** SHA-256 hashes of the user's entries recorded as disabled. */
  disabledEntries(sub: string): Promise<Set<string>>;
  /**
   * Makes the offer: the prompt's decision token hash becomes `tokenHash` (the previous token dies),
   * the offer row and `event` are written, in one statement, if `claim` still holds. False otherwise.
   */
  recordOffer(claim: OfferClaim, offer: NewOffer, tokenHash: string, event: OutboxRecord): Promise<boolean>;
  /** No channel left in this round: round `claim.round + 1` from channel 0 is due at `dueAt`. False when `claim` no longer holds. */
  scheduleRound(claim: OfferClaim, dueAt: Date): Promise<boolean>;
  /** Delivery `queued` → `undeliverable` with its event, if `claim` still holds. */
  giveUp(claim: OfferClaim, failure: DeliveryFailure, event: OutboxRecord): Promise<boolean>;
  /**
   * Applies a channel's outcome once per event (`processed_events` of `group`), in one statement:
   * an offer still out moves to delivered or failed. Delivered: the prompt's delivery `queued` →
   * `delivered` with `deliveredEvent` (built ahead from the outcome, written only if the prompt moved). Failed: a `gone` entry is recorded as disabled, and the prompt
   * (still pending, this round) is due from the next channel, leased until `leaseUntil`. An outcome for
   * an offer no longer out is recorded on its row only.
   */
  applyOutcome(group: string, eventId: string, outcome: OfferOutcome, leaseUntil: Date, deliveredEvent: OutboxRecord | undefined): Promise<OutcomeEffect>;
  /**
   * Times out up to `limit` offers still out at `now` past their deadline (rows another sweeper holds
   * are skipped), each with `timedOutEvent`, and makes each prompt still wanting it due from the next
   * channel, leased until `leaseUntil`; one transaction.
   */
  timeOutDue(now: Date, limit: number, leaseUntil: Date, timedOutEvent: (offer: TimedOut['offer']) => OutboxRecord): Promise<TimedOut[]>;
  /** Takes up to `limit` prompts whose next offer is due at `now` (skipping rows others hold), leasing them until `leaseUntil`. */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ConsentPrompt[]>;
  /** Every offer of a prompt, oldest first. */
  listOffers(promptId: string): Promise<OfferRecord[]>;
}
