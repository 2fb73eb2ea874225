import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';

export const CONSENT_EXPIRED_V1 = 'ciba.consent.expired.v1' as const;

/**
 * The consent window closed without a decision: the request reached `expires_at` while its prompt
 * was pending (CIBA Core §11 `expired_token`). Published by the consent dispatcher, which owns the
 * pending → approved | denied | expired transition, atomically with that transition.
 */
export const consentExpiredV1 = envelopeOf(
  CONSENT_EXPIRED_V1,
  z.object({
    request_id: z.uuid(),
    prompt_id: z.string().min(1).max(100),
    client_id: z.string().min(1).max(200),
    sub: z.string().min(1).max(255),
    expired_at: z.iso.datetime({ offset: true }),
  }),
);
export type ConsentExpiredV1 = z.infer<typeof consentExpiredV1>;
