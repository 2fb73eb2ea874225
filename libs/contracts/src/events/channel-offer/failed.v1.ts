import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { offerRef } from './offer-ref.ts';

export const CHANNEL_OFFER_FAILED_V1 = 'ciba.channel_offer.failed.v1' as const;

/** Why a channel could not deliver (no addresses, tokens or provider messages). */
export const channelFailureReason = z.enum([
  /** The provider answered with an error (4xx other than gone, 5xx). */
  'rejected',
  /** The provider redirected (never followed). */
  'redirected',
  'timeout',
  'network_error',
  /** The destination's address is refused by the outbound policy (production: private, loopback...). */
  'address_refused',
  'url_refused',
  /** The user's address, token or subscription is gone for good (push 404/410): the dispatcher stops using it. */
  'gone',
  /** The channel is not set up for this kind of entry (e.g. a push provider it lacks). */
  'not_configured',
  /** The sealed payload could not be opened with the channel's key, or did not match the offer. */
  'unreadable',
  /** The offer's deadline passed before the channel got to it. */
  'deadline_passed',
]);
export type ChannelFailureReason = z.infer<typeof channelFailureReason>;

/** The channel could not deliver the prompt; the dispatcher tries the user's next channel. */
export const channelOfferFailedV1 = envelopeOf(
  CHANNEL_OFFER_FAILED_V1,
  offerRef.extend({
    reason: channelFailureReason,
    status_code: z.number().int().min(100).max(599).optional(),
    latency_ms: z.number().int().nonnegative().optional(),
  }),
);
export type ChannelOfferFailedV1 = z.infer<typeof channelOfferFailedV1>;
