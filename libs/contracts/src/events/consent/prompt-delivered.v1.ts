import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { channelType } from '../../api/common.ts';

export const CONSENT_PROMPT_DELIVERED_V1 = 'ciba.consent_prompt.delivered.v1' as const;

/** A channel accepted the consent prompt (for operations; no personal data). */
export const consentPromptDeliveredV1 = envelopeOf(
  CONSENT_PROMPT_DELIVERED_V1,
  z.object({
    request_id: z.uuid(),
    prompt_id: z.string().min(1).max(100),
    channel_type: channelType,
    channel_index: z.number().int().nonnegative(),
    attempts: z.number().int().positive(),
  }),
);
export type ConsentPromptDeliveredV1 = z.infer<typeof consentPromptDeliveredV1>;
