import type { AuthRequestView } from '@ciba/contracts';
import type { AuthRequest } from '../domain/auth-request.ts';

/** What other services may know of a request (never the `auth_req_id` nor the client notification token). */
export function toAuthRequestView(request: AuthRequest): AuthRequestView {
  return {
    request_id: request.requestId,
    auth_req_id_hash: request.authReqIdHash,
    client_id: request.clientId,
    sub: request.sub,
    scope: request.scope,
    ...(request.acrValues !== undefined ? { acr_values: request.acrValues } : {}),
    ...(request.bindingMessage !== undefined ? { binding_message: request.bindingMessage } : {}),
    delivery_mode: request.deliveryMode,
    interval: request.interval,
    expires_at: request.expiresAt.toISOString(),
    requested_at: request.requestedAt.toISOString(),
  };
}
