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

/**
 * Where and how to notify the client of a ping or push request (CIBA Core §10.2, §10.3): the
 * `auth_req_id` the client knows the request by and its `client_notification_token` (both secrets:
 * never log them, never put them in events or queues).
 */
export const notificationTarget = z.object({
  auth_req_id: z.string().min(1).max(200),
  client_notification_token: z.string().min(1).max(1024),
  delivery_mode: z.enum(['ping', 'push']),
  client_id: z.string(),
});
export type NotificationTarget = z.infer<typeof notificationTarget>;

export interface AuthRequestsPort {
  /** The request whose `auth_req_id` hashes to this value, or null. */
  findByAuthReqIdHash(authReqIdHash: string): Promise<AuthRequestView | null>;
  /** The request by its internal id, or null. */
  findByRequestId(requestId: string): Promise<AuthRequestView | null>;
  /** The notification target of a ping or push request; null for poll and unknown requests. */
  getNotificationTarget(requestId: string): Promise<NotificationTarget | null>;
}

/** Wire schemas of the auth-requests port's methods, for the HTTP adapter. */
export const authRequestsRpc = {
  findByAuthReqIdHash: { args: z.tuple([z.string().max(100)]), result: authRequestView.nullable() },
  findByRequestId: { args: z.tuple([z.string().max(100)]), result: authRequestView.nullable() },
  getNotificationTarget: { args: z.tuple([z.string().max(100)]), result: notificationTarget.nullable() },
} as const;
