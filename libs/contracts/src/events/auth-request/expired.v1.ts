import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';

export const AUTH_REQUEST_EXPIRED_V1 = 'ciba.auth_request.expired.v1' as const;

/** A request reached `expires_at` undecided (CIBA Core §11 `expired_token`). */
export const authRequestExpiredV1 = envelopeOf(
  AUTH_REQUEST_EXPIRED_V1,
  z.object({
    request_id: z.uuid(),
    client_id: z.string().min(1).max(200),
    expired_at: z.iso.datetime({ offset: true }),
  }),
);
export type AuthRequestExpiredV1 = z.infer<typeof authRequestExpiredV1>;
