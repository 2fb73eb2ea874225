import { z } from 'zod';
import { devicePrompt } from '../api/device-prompt.ts';
import { userChannel } from '../ports/directory.ts';

/**
 * What a channel needs to deliver one offer, sealed inside the offer event (`sealed`, a compact JWE,
 * `dir` + `A256GCM`, with the channel's key; see libs/channel-kit): the user's channel entry (an
 * address, a phone number, a push token: personal data) and the prompt with its decision token
 * (a secret). Events carry identifiers in clear and nothing else.
 */
export const channelDelivery = z.object({
  /** The offer this is; must equal the event's `offer_id` (a payload moved to another event is refused). */
  offer_id: z.uuid(),
  /** The user's channel entry to deliver to. */
  channel: userChannel,
  /** The prompt (interfaces.md §4), as the webhook channel POSTs it. */
  prompt: devicePrompt,
  /**
   * The hosted approval page for this prompt (`<CONSENT_PUBLIC_URL>/device/approve/<prompt_id>?t=<decision_token>`):
   * what email, SMS and other human-read channels link to. Single use: it dies with the decision or the request.
   */
  approval_uri: z.url({ protocol: /^https?$/ }),
  /**
   * The webhook body exactly as to be sent (the prompt's JSON) and its detached JWS (RFC 7515
   * Appendix F: `<header>..<signature>`, signed with a key of our `/jwks`), for the `Ciba-Signature`
   * header. Present on webhook offers.
   */
  signed_body: z.object({ body: z.string().max(16384), signature: z.string().max(4096) }).optional(),
});
export type ChannelDelivery = z.infer<typeof channelDelivery>;
