import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';
import { deliveryMode } from '../../api/common.ts';

export const AUTH_REQUEST_CREATED_V1 = 'ciba.auth_request.created.v1' as const;

/**
 * A backchannel authentication request was accepted (CIBA Core §7) and awaits the user's decision.
 * The `auth_req_id` itself never travels; consumers match it by its SHA-256 (`auth_req_id_hash`).
 */
export const authRequestCreatedV1 = envelopeOf(
  AUTH_REQUEST_CREATED_V1,
  z.object({
    request_id: z.uuid(),
    auth_req_id_hash: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    client_id: z.string().min(1).max(200),
    sub: z.string().min(1).max(255),
    scope: z.string().min(1).max(2000),
    acr_values: z.string().max(2000).optional(),
    binding_message: z.string().max(200).optional(),
    delivery_mode: deliveryMode,
    interval: z.number().int().positive(),
    expires_at: z.iso.datetime({ offset: true }),
    requested_at: z.iso.datetime({ offset: true }),
  }),
);
export type AuthRequestCreatedV1 = z.infer<typeof authRequestCreatedV1>;
