import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';

export const ADMIN_CHANGED_V1 = 'ciba.admin.changed.v1' as const;

/** What an operator changed through the operator API (`/admin/*`, `/register`). */
export const adminAction = z.enum(['user.stored', 'user.deleted', 'client.registered', 'keys.rotated']);
export type AdminAction = z.infer<typeof adminAction>;

/**
 * An operator changed the server's state: who (the credential used), what (`action` on `target`),
 * when (`time`), from where (`address`, the caller's IP as the service saw it) and the request's
 * correlation id. Keyed by the target (a user's `sub`, a `client_id`, a key algorithm). Identifiers
 * only: never hints, claims, channels, secrets or keys.
 */
export const adminChangedV1 = envelopeOf(
  ADMIN_CHANGED_V1,
  z.object({
    action: adminAction,
    target: z.string().min(1).max(255),
    /** The credential the operator authenticated with (`admin-token`, `initial-access-token`). */
    actor: z.string().min(1).max(100),
    address: z.string().max(100).optional(),
    correlation_id: z.string().min(1).max(100),
  }),
);
export type AdminChangedV1 = z.infer<typeof adminChangedV1>;
