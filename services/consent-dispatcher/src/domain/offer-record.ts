import type { ChannelType } from '@ciba/contracts';

/** Where an offer stands: out until the channel answers or its deadline passes. */
export type OfferStatus = 'offered' | 'delivered' | 'failed' | 'timed_out';

/** One offer of a prompt to one channel (no address or token: identifiers and outcome). */
export interface OfferRecord {
  offerId: string;
  promptId: string;
  round: number;
  channelIndex: number;
  /** The channel: the entry's type, or a plug-in's name. */
  channel: string;
  channelType: ChannelType;
  /** SHA-256 of the entry's canonical JSON. */
  entryHash: string;
  status: OfferStatus;
  reason?: string;
  statusCode?: number;
  latencyMs?: number;
  /** `delivered` / `failed` when the channel answered after the offer had timed out. */
  lateOutcome?: string;
  offeredAt: Date;
  deadlineAt: Date;
  settledAt?: Date;
}
