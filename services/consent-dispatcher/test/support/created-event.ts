import { randomUUID } from 'node:crypto';
import { AUTH_REQUEST_CREATED_V1, TOPICS, type AuthRequestCreatedV1 } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';

/** A valid `ciba.auth_request.created.v1` for `sub`, expiring in `expiresInMs`. */
export function createdEvent(sub: string, expiresInMs = 600_000, optionals: { binding_message?: string; acr_values?: string } = {}): AuthRequestCreatedV1 {
  const requestId = randomUUID();
  return newEvent(TOPICS.authRequests, {
    type: AUTH_REQUEST_CREATED_V1,
    source: '/services/auth-endpoint',
    subject: requestId,
    data: {
      request_id: requestId,
      auth_req_id_hash: 'h'.repeat(43),
      client_id: 'client-1',
      sub,
      scope: 'openid profile',
      ...optionals,
      delivery_mode: 'poll',
      interval: 5,
      expires_at: new Date(Date.now() + expiresInMs).toISOString(),
      requested_at: new Date().toISOString(),
    },
  }) as AuthRequestCreatedV1;
}
