import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { offerRef } from './offer-ref.ts';

export const CHANNEL_OFFER_DELIVERED_V1 = 'ciba.channel_offer.delivered.v1' as const;

/** The channel handed the prompt over (webhook 2xx, mail accepted by the SMTP server, SMS gateway or push service accepted it). */
export const channelOfferDeliveredV1 = envelopeOf(
  CHANNEL_OFFER_DELIVERED_V1,
  offerRef.extend({
    /** The provider's answer status, where it speaks HTTP or SMTP. */
    status_code: z.number().int().min(100).max(599).optional(),
    latency_ms: z.number().int().nonnegative().optional(),
  }),
);
export type ChannelOfferDeliveredV1 = z.infer<typeof channelOfferDeliveredV1>;
