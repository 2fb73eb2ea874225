/** The decision state of a prompt: it leaves `pending` once, decided by the device or expired undecided. */
export type PromptStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** Where the prompt's delivery stands. */
export type DeliveryStatus = 'queued' | 'delivered' | 'undeliverable' | 'expired';

/** Why a prompt could not be delivered. */
export type DeliveryFailure = 'user_unknown' | 'no_channels' | 'all_channels_failed';

/** One consent prompt: what the user is asked about one auth request, and their answer. */
export interface ConsentPrompt {
  promptId: string;
  requestId: string;
  clientId: string;
  sub: string;
  scope: string;
  bindingMessage?: string;
  acrValues?: string;
  expiresAt: Date;
  status: PromptStatus;
  decidedAt?: Date;
  /** SHA-256 (base64url) of the decision token of the latest offer. */
  decisionTokenHash?: string;
  deliveryStatus: DeliveryStatus;
  /** Why delivery is `undeliverable`. */
  deliveryFailure?: DeliveryFailure;
  deliveredAt?: Date;
  /** The round of the next (or latest) offer, 1 first. */
  round: number;
  /** Where in the user's channel list the next offer starts. */
  nextChannelIndex: number;
  /** When the next offer is due; absent while an offer is out, or once delivery is settled. */
  nextOfferAt?: Date;
  /** When the auth request was accepted (its created event's `requested_at`): where the flow-stage timings start. Absent on prompts stored before it was kept. */
  requestedAt?: Date;
  /** The auth request's trace (W3C `traceparent`, `tracestate`), kept so a later decision joins it; absent with tracing off. */
  traceContext?: Readonly<Record<string, string>>;
}
