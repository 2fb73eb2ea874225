import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';

export const CHANNEL_OFFER_REQUESTED_V1 = 'ciba.channel_offer.requested.v1' as const;

/**
 * The consent dispatcher asks one channel to deliver a prompt, on `ciba.channel-offers.<channel>`.
 * The channel answers with `ciba.channel_offer.delivered.v1` or `ciba.channel_offer.failed.v1` on
 * `ciba.channel-outcomes` before `deadline_at`; past it the dispatcher moves on to the user's next
 * channel (and a late answer is recorded, nothing more).
 */
export const channelOfferRequestedV1 = envelopeOf(
  CHANNEL_OFFER_REQUESTED_V1,
  z.object({
    offer_id: z.uuid(),
    request_id: z.uuid(),
    prompt_id: z.string().min(1).max(100),
    /** The channel: a built-in type or a plug-in's name (the topic's last segment). */
    channel: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    /** Position of the channel in the user's list. */
    channel_index: z.number().int().nonnegative(),
    /** Delivery round (1, then 2… when every channel failed and the dispatcher tries them all again). */
    round: z.number().int().positive(),
    /** Answer before this; later the offer counts as timed out. */
    deadline_at: z.iso.datetime({ offset: true }),
    /** The `ChannelDelivery` as a compact JWE (`dir`, `A256GCM`) under the channel's key. */
    sealed: z.string().min(1).max(48_000),
  }),
);
export type ChannelOfferRequestedV1 = z.infer<typeof channelOfferRequestedV1>;
