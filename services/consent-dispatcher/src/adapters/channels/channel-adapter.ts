import type { ChannelType, UserChannel } from '@ciba/contracts';
import type { DevicePrompt } from '@ciba/contracts/api/device-prompt';
import type { DeliveryOutcome } from '../../domain/delivery-outcome.ts';

/** What one channel did with a prompt. */
export interface ChannelDelivery {
  outcome: DeliveryOutcome;
  /** The HTTP status, for channels that speak HTTP. */
  statusCode?: number;
}

/**
 * Delivers a prompt through one kind of channel (webhook here; sms, email and push providers plug in
 * the same way). `deliver` resolves with the outcome, whatever it is; it rejects only on a bug.
 */
export interface ChannelAdapter<T extends ChannelType = ChannelType> {
  readonly type: T;
  deliver(channel: Extract<UserChannel, { type: T }>, prompt: DevicePrompt): Promise<ChannelDelivery>;
}

/** The configured adapters, at most one per channel type. */
export type ChannelAdapters = { [T in ChannelType]?: ChannelAdapter<T> };
