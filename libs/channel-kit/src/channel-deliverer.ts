import type { ChannelDelivery, ChannelFailureReason } from '@ciba/contracts';

/** What one delivery came to. `statusCode` is the provider's (HTTP or SMTP) answer, where there is one. */
export type ChannelResult = { delivered: true; statusCode?: number } | { delivered: false; reason: ChannelFailureReason; statusCode?: number };

/**
 * One consent channel: delivers the opened offer to the user's entry on its provider. `deliver`
 * resolves with the outcome, whatever it is (a provider's error is a failed result, with its reason);
 * it rejects only on a bug, and the bus then retries the offer. It must honour `signal` (the offer's
 * deadline, or the process stopping) and never log the delivery's address or tokens.
 */
export interface ChannelDeliverer {
  /** The channel name: a built-in type (`email`, `sms`, `push`, `webhook`) or a plug-in's name. */
  readonly channel: string;
  deliver(delivery: ChannelDelivery, signal: AbortSignal): Promise<ChannelResult>;
}
