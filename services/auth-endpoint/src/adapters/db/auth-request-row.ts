import { deliveryMode } from '@ciba/contracts';
import type { AuthRequest } from '../../domain/auth-request.ts';

/** A row of `auth_requests` as `pg` returns it. */
export interface AuthRequestRow {
  request_id: string;
  auth_req_id_hash: string;
  client_id: string;
  sub: string;
  scope: string;
  acr_values: string | null;
  binding_message: string | null;
  delivery_mode: string;
  interval: number;
  requested_expiry: number | null;
  expires_at: Date;
  requested_at: Date;
  client_notification_token: string | null;
  auth_req_id: string | null;
}

/** Maps a stored row to the domain entity (NULL columns become absent fields). */
export function fromAuthRequestRow(row: AuthRequestRow): AuthRequest {
  return {
    requestId: row.request_id,
    authReqIdHash: row.auth_req_id_hash,
    clientId: row.client_id,
    sub: row.sub,
    scope: row.scope,
    ...(row.acr_values !== null ? { acrValues: row.acr_values } : {}),
    ...(row.binding_message !== null ? { bindingMessage: row.binding_message } : {}),
    deliveryMode: deliveryMode.parse(row.delivery_mode),
    interval: row.interval,
    ...(row.requested_expiry !== null ? { requestedExpiry: row.requested_expiry } : {}),
    expiresAt: row.expires_at,
    requestedAt: row.requested_at,
    ...(row.client_notification_token !== null ? { clientNotificationToken: row.client_notification_token } : {}),
    ...(row.auth_req_id !== null ? { authReqId: row.auth_req_id } : {}),
  };
}
