import { z } from 'zod';
import { deliveryMode } from '../api/common.ts';

/**
 * The auth-requests port, owned by auth-endpoint (it owns the accepted requests). The token service
 * asks it when a poll arrives before the `created` event did; the notifier asks it for the
 * notification target. Same wiring as the directory port.
 */
export const authRequestView = z.object({
  request_id: z.uuid(),
  auth_req_id_hash: z.string(),
  client_id: z.string(),
  sub: z.string(),
  scope: z.string(),
  acr_values: z.string().optional(),
  binding_message: z.string().optional(),
  delivery_mode: deliveryMode,
  interval: z.number().int(),
  expires_at: z.iso.datetime({ offset: true }),
  requested_at: z.iso.datetime({ offset: true }),
});
export type AuthRequestView = z.infer<typeof authRequestView>;

export interface AuthRequestsPort {
  /** The request whose `auth_req_id` hashes to this value, or null. */
  findByAuthReqIdHash(authReqIdHash: string): Promise<AuthRequestView | null>;
  /** The request by its internal id, or null. */
  findByRequestId(requestId: string): Promise<AuthRequestView | null>;
  /** The `client_notification_token` of a ping or push request (secret: never log it), or null. */
  getClientNotificationToken(requestId: string): Promise<string | null>;
}

/** Wire schemas of the auth-requests port's methods, for the HTTP adapter. */
export const authRequestsRpc = {
  findByAuthReqIdHash: { args: z.tuple([z.string().max(100)]), result: authRequestView.nullable() },
  findByRequestId: { args: z.tuple([z.string().max(100)]), result: authRequestView.nullable() },
  getClientNotificationToken: { args: z.tuple([z.string().max(100)]), result: z.string().nullable() },
} as const;
