import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';

export const CONSENT_PROMPT_UNDELIVERABLE_V1 = 'ciba.consent_prompt.undeliverable.v1' as const;

/** Every channel of the user failed; the request will expire unless a later attempt succeeds. */
export const consentPromptUndeliverableV1 = envelopeOf(
  CONSENT_PROMPT_UNDELIVERABLE_V1,
  z.object({
    request_id: z.uuid(),
    prompt_id: z.string().min(1).max(100),
    channels_tried: z.number().int().nonnegative(),
  }),
);
export type ConsentPromptUndeliverableV1 = z.infer<typeof consentPromptUndeliverableV1>;
