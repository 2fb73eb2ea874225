import type { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { offerRef } from './offer-ref.ts';

export const CHANNEL_OFFER_TIMED_OUT_V1 = 'ciba.channel_offer.timed_out.v1' as const;

/** The dispatcher gave up waiting for the channel's answer (its deadline passed) and moved on. */
export const channelOfferTimedOutV1 = envelopeOf(CHANNEL_OFFER_TIMED_OUT_V1, offerRef);
export type ChannelOfferTimedOutV1 = z.infer<typeof channelOfferTimedOutV1>;
