import { z } from 'zod';

/**
 * The consent prompt the dispatcher delivers to each of the user's channels; the `webhook` channel
 * POSTs it as JSON to the channel's URL. A receiver that answers 2xx has the prompt; any other answer,
 * or none, makes the dispatcher try the user's next channel. Optional members are omitted, not null.
 * The device answers at `decision_uri` with `Authorization: Bearer <decision_token>` (see
 * `device-decision.ts`).
 *
 * @see interfaces.md §4
 * @see https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.7.1
 */
export const devicePrompt = z.object({
  /** Identifies the prompt; the last path segment of `decision_uri`. URL-safe, at least 128 random bits. */
  prompt_id: z.string().regex(/^[A-Za-z0-9_-]{22,100}$/),
  /** The end-user the request is for. */
  sub: z.string().min(1).max(255),
  /** The client asking for consent. */
  client_id: z.string().min(1).max(200),
  /** The client's registered `client_name`, when it has one. */
  client_name: z.string().min(1).max(200).optional(),
  /** The space-separated scopes requested. */
  scope: z.string().min(1).max(2000),
  /** CIBA Core §7.1 `binding_message`, to show on the device next to the consumption device's. */
  binding_message: z.string().max(200).optional(),
  /** CIBA Core §7.1 `acr_values` requested. */
  acr_values: z.string().max(2000).optional(),
  /** When the request expires (RFC 3339); a decision after it answers 410. */
  expires_at: z.iso.datetime({ offset: true }),
  /** `<public URL>/device/decisions/<prompt_id>`. */
  decision_uri: z.url({ protocol: /^https?$/ }),
  /** Bearer token for `decision_uri` (256 random bits, base64url). Secret: never log it. */
  decision_token: z.string().regex(/^[A-Za-z0-9_-]{43,512}$/),
});
export type DevicePrompt = z.infer<typeof devicePrompt>;
